package org.fangkong.checkpoints.checkpoint;

public enum CheckpointState {
    NORMAL,
    HEIGHTENED,
    SEALED,
    OUT_OF_SERVICE
}
