package org.fangkong.alerts.analysis;

import org.fangkong.alerts.compliance.ComplianceReports;
import org.fangkong.proto.alerts.v1.ComplianceRow;
import org.fangkong.proto.alerts.v1.CountChange;
import org.fangkong.proto.alerts.v1.HotspotCell;
import org.fangkong.proto.alerts.v1.PatrolLevelRecommendation;
import org.fangkong.proto.alerts.v1.ProposedUnit;
import org.fangkong.proto.alerts.v1.Reinforcement;
import org.fangkong.proto.alerts.v1.SituationReport;
import org.fangkong.proto.common.v1.GeoPoint;

/** Between the analysis types and the alerts API's messages. */
public final class AnalysisMapping {

    private AnalysisMapping() {
    }

    public static SituationReport toProto(SituationAnalysis.Report report) {
        return SituationReport.newBuilder()
                .setOrgCode(report.orgCode())
                .setFromDay(report.period().first().toString())
                .setToDay(report.period().last().toString())
                .setTotal(toProto(report.total()))
                .addAllByType(report.byType().stream().map(AnalysisMapping::toProto).toList())
                .addAllByZone(report.byZone().stream().map(AnalysisMapping::toProto).toList())
                .addAllHotspots(report.hotspots().stream().map(AnalysisMapping::toProto).toList())
                .setCompliance(toProto(report.compliance()))
                .setClosed(report.closed())
                .setClosedByIntelligence(report.closedByIntelligence())
                .setIntelligenceShare(report.intelligenceShare())
                .build();
    }

    static CountChange toProto(SituationAnalysis.Change change) {
        return CountChange.newBuilder().setKey(change.key()).setCount(change.count()).setPrevious(change.previous())
                .setYearBefore(change.yearBefore()).setChangeVsPreviousPct(change.vsPrevious()).setChangeVsYearBeforePct(change.vsYearBefore()).build();
    }

    public static HotspotCell toProto(SituationAnalysis.Cell cell) {
        return HotspotCell.newBuilder()
                .setCorner(GeoPoint.newBuilder().setLat(cell.cornerLat()).setLon(cell.cornerLon()))
                .setSizeDeg(cell.sizeDeg())
                .setCenter(GeoPoint.newBuilder().setLat(cell.cornerLat() + cell.sizeDeg() / 2).setLon(cell.cornerLon() + cell.sizeDeg() / 2))
                .setIncidents(cell.incidents())
                .build();
    }

    public static ComplianceRow toProto(ComplianceReports.Row row) {
        return ComplianceRow.newBuilder().setGroup(row.group()).setKey(row.key()).setIncidents(row.incidents())
                .setReactedInTime(row.reactedInTime()).setArrivedInTime(row.arrivedInTime()).setResolvedInTime(row.resolvedInTime())
                .setReactRate(row.reactRate()).setArriveRate(row.arriveRate()).setResolveRate(row.resolveRate()).build();
    }

    public static PatrolLevelRecommendation toProto(PatrolAdvice.Level level) {
        return PatrolLevelRecommendation.newBuilder().setZoneId(level.zone().getId()).setZoneName(level.zone().getName())
                .setCurrentLevel(level.zone().getPatrolLevel()).setRecommendedLevel(level.recommended()).setIncidents(level.incidents())
                .setDensityPerKm2(level.densityPerKm2()).setReason(level.reason()).build();
    }

    public static Reinforcement toProto(PatrolAdvice.Reinforcement reinforcement) {
        return Reinforcement.newBuilder().setZoneId(reinforcement.coverage().getZone().getId()).setZoneName(reinforcement.coverage().getZone().getName())
                .setRequiredUnits(reinforcement.coverage().getRequiredUnits()).setVisibleUnits(reinforcement.coverage().getVisibleUnits())
                .setShortfall(reinforcement.coverage().getShortfall())
                .addAllUnits(reinforcement.units().stream().map(n -> ProposedUnit.newBuilder().setUnitId(n.getUnit().getId())
                        .setCallSign(n.getUnit().getCallSign()).setDistanceM(n.getDistanceM()).setEtaSeconds(n.getEtaSeconds()).build()).toList())
                .build();
    }
}
