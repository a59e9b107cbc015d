package io.tarn.kms.model;

/** The key states Tarn models; the constant names are AWS's wire values. */
public enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion
}
