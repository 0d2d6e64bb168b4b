import NIOCore
import TernCore

extension NodeRuntime {
    /// A membership event: a member that comes back gets a round (`AntiEntropySchedule`). Store loop only.
    func antiEntropyOnMembership(_ event: MembershipEvent, isTomcat: Bool) {
        driveAntiEntropy(antiEntropy.onEvent(event, isTomcat: isTomcat))
    }

    /// The node is ready: rounds run from now on (docs/ANTI-ENTROPY.md, "When"). Store loop only.
    func startAntiEntropy() {
        driveAntiEntropy(antiEntropy.onReady(now: loop.millis))
    }

    /// The node stops: no more rounds; one running is ended. Store loop only.
    func stopAntiEntropy() {
        antiEntropy.onStop()
        antiEntropyTimer?.cancel()
        antiEntropyTimer = nil
        antiEntropyRound?.cancel("the node stops")
    }

    private func driveAntiEntropy(_ actions: [AntiEntropyScheduleAction]) {
        for action in actions {
            switch action {
            case .startRound(let member, let endpoint, let reason):
                startRound(with: member, at: endpoint, reason: reason)
            }
        }
        scheduleAntiEntropyTimer()
    }

    private func startRound(with member: MemberID, at endpoint: Endpoint, reason: AntiEntropySchedule.Reason) {
        var logger = self.logger
        logger[metadataKey: "peer"] = "\(endpoint)"
        let (client, report) = AntiEntropyClient.run(
            with: endpoint, store: store, identity: configuration.identity, limits: configuration.limits,
            antiEntropy: configuration.antiEntropy, connectTimeout: configuration.sender.connectTimeout, logger: logger)
        antiEntropyRound = client
        report.whenSuccess { report in
            self.roundEnded(with: member, at: endpoint, reason: reason, report: report)
        }
    }

    private func roundEnded(
        with member: MemberID, at endpoint: Endpoint, reason: AntiEntropySchedule.Reason, report: AntiEntropyReport
    ) {
        antiEntropyRound = nil
        // A round cut short by the node's own shutdown is not a failure worth a line.
        guard !stopping else { return }
        counters.antiEntropyRounds[report.outcomeName, default: 0] += 1
        counters.antiEntropyPushed += report.pushed
        counters.antiEntropyPulled += report.pulled
        let name = peers[member]?.name ?? ""
        if case .failed(let why) = report.outcome {
            logger.warning("anti-entropy round failed: \(why)", metadata: ["member": "\(name.isEmpty ? member.short : name)"])
            events(.antiEntropy(member: member, name: name, reason: reason, report: report))
        } else if report.foundDifferences {
            logger.info(
                "anti-entropy round \(report.outcomeName)",
                metadata: [
                    "member": "\(name.isEmpty ? member.short : name)", "peer": "\(endpoint)", "reason": "\(reason.rawValue)",
                    "buckets": "\(report.differingBuckets)", "pushed": "\(report.pushed)", "pulled": "\(report.pulled)",
                ])
            events(.antiEntropy(member: member, name: name, reason: reason, report: report))
        } else {
            logger.debug("anti-entropy round in sync", metadata: ["member": "\(name.isEmpty ? member.short : name)"])
        }
        driveAntiEntropy(antiEntropy.onRoundEnded(member))
    }

    private func scheduleAntiEntropyTimer() {
        antiEntropyTimer?.cancel()
        antiEntropyTimer = nil
        guard !stopping, let deadline = antiEntropy.deadline else { return }
        antiEntropyTimer = loop.schedule(atMillis: deadline) {
            self.driveAntiEntropy(self.antiEntropy.onTimer(now: self.loop.millis))
        }
    }
}
