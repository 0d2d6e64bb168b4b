import TernCommands

TernPing.runAsTool()
