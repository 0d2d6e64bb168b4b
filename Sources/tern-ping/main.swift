import TernCommandSupport
import TernPingCommand

TernPing.runAsTool()
