; Inno Setup script: installs the one-folder bundle built by PyInstaller on Windows.
; Build the bundle first (README, "Build the installers"), then: iscc packaging\windows\medguide.iss
; Per-user install (no admin rights needed); the database in %LOCALAPPDATA%\MedGuide is kept on
; uninstall because the uninstaller only removes the files it installed.

#define AppName "MedGuide"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1B0F0E-4C57-4E0B-9E0C-5D2B9A7E3F11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=MedGuide
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=MedGuide-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
UninstallDisplayIcon={app}\medguide.exe
DisableProgramGroupPage=yes

[Files]
Source: "..\..\dist\medguide\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\medguide.exe"; Parameters: "gui"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\medguide.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\medguide.exe"; Parameters: "gui"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; the user's database and settings stay.
Type: filesandordirs; Name: "{app}\__pycache__"
