package org.fangkong.checkpoints.checkpoint;

/** The kinds of checkpoint (see DOMAIN.md, "Lines: checkpoints"). */
public enum CheckpointType {
    SECURITY_CHECKPOINT,
    SERVICE_STATION,
    INSPECTION_STATION,
    MOBILE_CHECKPOINT
}
