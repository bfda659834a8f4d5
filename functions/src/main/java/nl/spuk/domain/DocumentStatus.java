package nl.spuk.domain;

/** A document is announced first, becomes AVAILABLE once its bytes are checked, or REJECTED. */
public enum DocumentStatus {
    PENDING_UPLOAD, AVAILABLE, REJECTED
}
