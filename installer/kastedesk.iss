; Inno Setup 6.4 or later: a per-user installer around the PyInstaller build.
;
;   make dist                      (or: pyinstaller --noconfirm build.spec)
;   iscc installer\kastedesk.iss   (the version is read from dist\KasteDesk\KasteDesk.exe)
;   iscc /DAppVersion=0.1.0 installer\kastedesk.iss   (or given explicitly)
;
; Signed (optional, see tools/signing.py): with KASTEDESK_SIGN_CMD set to the signtool
; command without the file name, the setup program and its uninstaller are signed too:
;   iscc "/Skastedesk=$env:KASTEDESK_SIGN_CMD `$f" installer\kastedesk.iss   (PowerShell)
;
; No administrator rights: the program goes to %LOCALAPPDATA%\Programs\KasteDesk,
; the Start-menu entry and the .kastebundle association to the user's own profile
; and HKCU. The user's database, settings and logs live elsewhere
; (%LOCALAPPDATA%\KasteDesk, platformdirs' user data folder, and
; HKCU\Software\KasteDesk): the uninstaller removes only what it installed, so
; they stay. The output is dist\KasteDesk-<version>-setup.exe.

#if Ver < EncodeVer(6, 4, 0, 0)
  #error Inno Setup 6.4 or later is needed (Swedish is one of its official languages from 6.4 on)
#endif

#define AppName "KasteDesk"
#define AppExe "KasteDesk.exe"
#define DistDir AddBackslash(SourcePath) + "..\dist\KasteDesk"

#ifndef AppVersion
  #if !FileExists(DistDir + "\" + AppExe)
    #error Build the program first: make dist (dist\KasteDesk\KasteDesk.exe is missing)
  #endif
  ; The version resource build.spec writes from kastedesk.__version__ (e.g. 0.1.0.0).
  #define AppVersion GetVersionNumbersString(DistDir + "\" + AppExe)
#endif

[Setup]
AppId={{2C7EF2A5-124D-46CB-A26E-080C9344F08F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=KasteDesk
VersionInfoVersion={#AppVersion}
; Per user, never elevated: laptops without administrator rights can install it.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile={#DistDir}\_internal\kastedesk\resources\kastedesk.ico
; Explorer learns about the .kastebundle association without logging out.
ChangesAssociations=yes
; Replacing a running KasteDesk would fail half-way: ask to close it first.
CloseApplications=yes
; KasteDesk holds this mutex while it runs (kastedesk/ui/single_instance.py, APP_MUTEX):
; setup and uninstall ask the user to close it first.
AppMutex=KasteDeskRunning
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Installer language: the one matching Windows' display language, else asked.
ShowLanguageDialog=auto
#if GetEnv("KASTEDESK_SIGN_CMD") != ""
; The sign tool "kastedesk" is defined on iscc's command line with /S (see above).
SignTool=kastedesk
SignedUninstaller=yes
#endif

[Languages]
; Finnish and Swedish are both official Inno Setup translations (Swedish since 6.4).
Name: "finnish"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
finnish.BundleType=KasteDesk-palautenippu
swedish.BundleType=KasteDesk-responspaket
english.BundleType=KasteDesk feedback bundle

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole onedir build; a new version replaces the old program files.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of the previous version's bundle that this one no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .kastebundle opens in KasteDesk (HKCU\Software\Classes: this user only, no rights needed).
; KasteDesk.exe "file.kastebundle" opens the window and offers to import the bundle.
Root: HKCU; Subkey: "Software\Classes\.kastebundle"; ValueType: string; ValueName: ""; ValueData: "KasteDesk.Bundle"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.kastebundle\OpenWithProgids"; ValueType: string; ValueName: "KasteDesk.Bundle"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\KasteDesk.Bundle"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleType}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\KasteDesk.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\KasteDesk.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes exactly the files and keys above. The
; database (%LOCALAPPDATA%\KasteDesk\kastedesk.sqlite), its backups, the logs and the
; settings (HKCU\Software\KasteDesk) are the user's and stay.
