import TernCommands

TernSnap.runAsTool()
