package fr.hygie.platform.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import java.security.GeneralSecurityException;

/** Tink's key types must be registered before keysets are generated or parsed; registering twice is harmless. */
final class Tink {

    private Tink() {
    }

    static void register() {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot register Tink's AEAD and PRF key types", e);
        }
    }
}
