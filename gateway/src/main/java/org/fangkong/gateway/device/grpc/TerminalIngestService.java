package org.fangkong.gateway.device.grpc;

import jakarta.annotation.security.PermitAll;

import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.proto.terminals.v1.FixBatch;
import org.fangkong.proto.terminals.v1.MutinyTerminalIngestGrpc;
import org.fangkong.proto.terminals.v1.ReportResult;
import org.fangkong.proto.terminals.v1.TerminalFix;
import org.fangkong.proto.units.v1.PositionFix;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Vehicle terminals and relays stream batches of fixes; each fix names its terminal, which units-service checks is
 * bound to a unit. The batches flow on to units-service as one stream on the gateway's service account, pulled only as
 * fast as it stores them, so a fast relay is slowed by flow control instead of filling the gateway's memory.
 */
@GrpcService
@PermitAll
public class TerminalIngestService extends MutinyTerminalIngestGrpc.TerminalIngestImplBase {

    private final UnitsClient units;

    public TerminalIngestService(UnitsClient units) {
        this.units = units;
    }

    @Override
    public Uni<ReportResult> report(Multi<FixBatch> batches) {
        // Converted a batch at a time: every function given to a Mutiny operator is wrapped for context propagation
        // (OpenTelemetry, MDC), which per fix cost the relay more than the conversion (bench profile).
        Multi<PositionFix> fixes = batches.onItem().transformToIterable(batch -> batch.getFixesList().stream().map(TerminalIngestService::toUnits).toList());
        return units.relay(fixes)
                .map(stored -> ReportResult.newBuilder().setAccepted(stored.getAccepted()).setOutOfOrder(stored.getOutOfOrder()).build())
                .onFailure(ServiceRefusal.class).transform(refusal -> ((ServiceRefusal) refusal).status());
    }

    private static PositionFix toUnits(TerminalFix fix) {
        return PositionFix.newBuilder().setTerminalId(fix.getTerminalId()).setPoint(fix.getPoint()).setRecordedAt(fix.getRecordedAt())
                .setAccuracyM(fix.getAccuracyM()).setSpeedMps(fix.getSpeedMps()).setHeadingDeg(fix.getHeadingDeg()).build();
    }
}
