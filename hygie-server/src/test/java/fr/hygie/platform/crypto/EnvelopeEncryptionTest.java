package fr.hygie.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeEncryptionTest {

    static final byte[] NOTE = "Diabète de type 2, HbA1c 7,8 %".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    EnvelopeEncryption envelope() {
        return new EnvelopeEncryption(MasterKeys.openOrCreate(dir.resolve("master-keyset.json")));
    }

    @Test
    void sealedContentOpensWithItsAssociatedData() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());

        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);

        assertThat(envelope.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(latin1(sealed.ciphertext())).doesNotContain(latin1(NOTE));
    }

    @Test
    void emptyContentRoundTrips() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(envelope.open(envelope.seal(new byte[0], ad), ad)).isEmpty();
    }

    @Test
    void anotherInstanceOnTheSameKeysetOpensIt() {
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope().seal(NOTE, ad);

        assertThat(envelope().open(sealed, ad)).isEqualTo(NOTE);
    }

    @Test
    void wrongAssociatedDataFails() {
        EnvelopeEncryption envelope = envelope();
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, EnvelopeEncryption.bindTo("record.document", Ids.newId()));

        assertThatThrownBy(() -> envelope.open(sealed, EnvelopeEncryption.bindTo("record.document", Ids.newId())))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void ciphertextSwappedBetweenRowsDoesNotOpen() {
        EnvelopeEncryption envelope = envelope();
        UUID rowA = Ids.newId();
        UUID rowB = Ids.newId();
        EnvelopeEncryption.Sealed a = envelope.seal(NOTE, EnvelopeEncryption.bindTo("record.document", rowA));
        EnvelopeEncryption.Sealed b = envelope.seal("autre".getBytes(StandardCharsets.UTF_8),
                EnvelopeEncryption.bindTo("record.document", rowB));

        // Row B now holds row A's wrapped key and ciphertext.
        assertThatThrownBy(() -> envelope.open(a, EnvelopeEncryption.bindTo("record.document", rowB)))
                .isInstanceOf(SealedDataUnreadableException.class);
        // Row B's key with row A's ciphertext.
        assertThatThrownBy(() -> envelope.open(new EnvelopeEncryption.Sealed(b.wrappedKey(), a.ciphertext()),
                EnvelopeEncryption.bindTo("record.document", rowA)))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void tamperedCiphertextFails() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);
        byte[] altered = sealed.ciphertext().clone();
        altered[altered.length / 2] ^= 0x01;

        assertThatThrownBy(() -> envelope.open(new EnvelopeEncryption.Sealed(sealed.wrappedKey(), altered), ad))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void tamperedWrappedKeyFails() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);
        byte[] altered = sealed.wrappedKey().clone();
        altered[altered.length - 1] ^= 0x01;

        assertThatThrownBy(() -> envelope.open(new EnvelopeEncryption.Sealed(altered, sealed.ciphertext()), ad))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void everySealGetsItsOwnDataKey() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = "same".getBytes(StandardCharsets.UTF_8);

        EnvelopeEncryption.Sealed first = envelope.seal(NOTE, ad);
        EnvelopeEncryption.Sealed second = envelope.seal(NOTE, ad);

        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void aDataKeyFromAnotherInstallationDoesNotUnwrap() {
        byte[] ad = "x".getBytes(StandardCharsets.UTF_8);
        EnvelopeEncryption.Sealed sealed = envelope().seal(NOTE, ad);
        EnvelopeEncryption other = new EnvelopeEncryption(MasterKeys.openOrCreate(dir.resolve("other/keyset.json")));

        assertThatThrownBy(() -> other.open(sealed, ad)).isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void freeTextSealsIntoACompactTokenBoundToItsRow() {
        EnvelopeEncryption envelope = envelope();
        UUID row = Ids.newId();
        String text = "Allergie à la pénicilline";

        String token = envelope.sealText(text, EnvelopeEncryption.bindTo("record.note", row));

        assertThat(token).doesNotContain("pénicilline").matches("[A-Za-z0-9_-]+");
        assertThat(token.length()).isLessThan(400);
        assertThat(envelope.openText(token, EnvelopeEncryption.bindTo("record.note", row))).isEqualTo(text);
        assertThatThrownBy(() -> envelope.openText(token, EnvelopeEncryption.bindTo("record.note", Ids.newId())))
                .isInstanceOf(SealedDataUnreadableException.class);
        assertThatThrownBy(() -> envelope.openText("not a token!", EnvelopeEncryption.bindTo("record.note", row)))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void sealedBytesCarryTheirFormatVersion() {
        EnvelopeEncryption.Sealed sealed = envelope().seal(NOTE, new byte[0]);
        byte[] bytes = sealed.toBytes();

        assertThat(bytes[0]).isEqualTo(EnvelopeEncryption.FORMAT_V1);
        assertThat(EnvelopeEncryption.Sealed.fromBytes(bytes)).isEqualTo(sealed);
        bytes[0] = 9;
        assertThatThrownBy(() -> EnvelopeEncryption.Sealed.fromBytes(bytes))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void contentAndItsTitleSealedUnderOneDataKeyOpenEachInItsPlaceOnly() {
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("master-keyset.json"));
        EnvelopeEncryption envelope = new EnvelopeEncryption(keys);
        UUID row = Ids.newId();
        byte[] contentAd = EnvelopeEncryption.bindTo("record/document-content", row);
        byte[] titleAd = EnvelopeEncryption.bindTo("record/document-title", row);

        EnvelopeEncryption.SealedWithText sealed = envelope.sealWithText(NOTE, contentAd, "Bilan sanguin", titleAd);

        assertThat(envelope.open(sealed.content(), contentAd)).isEqualTo(NOTE);
        assertThat(envelope.openText(sealed.textToken(), titleAd)).isEqualTo("Bilan sanguin");
        // The title's token is a sealText token carrying the content's own wrapped key: one data key per document.
        EnvelopeEncryption.Sealed title = EnvelopeEncryption.Sealed.fromBytes(java.util.Base64.getUrlDecoder().decode(sealed.textToken()));
        assertThat(title.wrappedKey()).isEqualTo(sealed.content().wrappedKey());
        assertThat(latin1(title.ciphertext())).doesNotContain("Bilan");
        // Neither ciphertext opens in the other's place, nor in another row's.
        assertThatThrownBy(() -> envelope.open(title, contentAd)).isInstanceOf(SealedDataUnreadableException.class);
        assertThatThrownBy(() -> envelope.open(sealed.content(), titleAd)).isInstanceOf(SealedDataUnreadableException.class);
        assertThatThrownBy(() -> envelope.openText(sealed.textToken(), EnvelopeEncryption.bindTo("record/document-title", Ids.newId())))
                .isInstanceOf(SealedDataUnreadableException.class);
        // A master key rotation re-wraps each of them apart, and both still open with the new key alone.
        keys.rotate();
        String rewrappedTitle = envelope.rewrapText(sealed.textToken());
        EnvelopeEncryption.Sealed rewrappedContent = new EnvelopeEncryption.Sealed(envelope.rewrap(sealed.content().wrappedKey()),
                sealed.content().ciphertext());
        keys.retireOld();
        assertThat(envelope.open(rewrappedContent, contentAd)).isEqualTo(NOTE);
        assertThat(envelope.openText(rewrappedTitle, titleAd)).isEqualTo("Bilan sanguin");
        assertThatThrownBy(() -> envelope.open(sealed.content(), contentAd)).isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void contentAndTitleBoundToTheSameAssociatedDataAreRefused() {
        byte[] ad = EnvelopeEncryption.bindTo("record/document-content", Ids.newId());
        assertThatThrownBy(() -> envelope().sealWithText(NOTE, ad, "Bilan", ad.clone()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One char per byte, so that a byte sequence search becomes a substring search. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ unwrapped data keys kept in memory (ADR 0003)

    @Test
    void anOpenedDataKeyIsKeptAndServesTheNextOpenWithItsOwnAssociatedDataOnly() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);
        assertThat(envelope.keeps(sealed.wrappedKey())).isFalse();

        assertThat(envelope.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(envelope.keeps(sealed.wrappedKey())).isTrue();
        assertThat(envelope.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(envelope.keptDataKeys()).isEqualTo(1);
        // A kept key still checks the ciphertext's binding to its row.
        assertThatThrownBy(() -> envelope.open(sealed, EnvelopeEncryption.bindTo("record.document", Ids.newId())))
                .isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void aKeptDataKeyIsNotServedOnceAnotherProcessRetiredTheMasterKeyThatWrappedIt() {
        Path file = dir.resolve("master-keyset.json");
        EnvelopeEncryption envelope = new EnvelopeEncryption(MasterKeys.openOrCreate(file));
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);
        assertThat(envelope.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(envelope.keeps(sealed.wrappedKey())).isTrue();

        // « ./hygie keys rotate --retire-old » in another process, without re-wrapping this key (a forgotten holder).
        MasterKeys operator = MasterKeys.openExisting(file);
        operator.rotate();
        operator.retireOld();

        // Without the check of the master keys, the kept key would still open it.
        assertThat(envelope.keeps(sealed.wrappedKey())).isFalse();
        assertThatThrownBy(() -> envelope.open(sealed, ad)).isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void aRotationInThisProcessMakesEveryKeptKeyUnwrapAgain() {
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("master-keyset.json"));
        EnvelopeEncryption envelope = new EnvelopeEncryption(keys);
        byte[] ad = EnvelopeEncryption.bindTo("record.document", Ids.newId());
        EnvelopeEncryption.Sealed sealed = envelope.seal(NOTE, ad);
        envelope.open(sealed, ad);

        keys.rotate();

        assertThat(envelope.keeps(sealed.wrappedKey())).isFalse();
        // The old master key is still enabled: it opens, unwrapped again under the current keyset.
        assertThat(envelope.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(envelope.keeps(sealed.wrappedKey())).isTrue();
        keys.retireOld();
        assertThatThrownBy(() -> envelope.open(sealed, ad)).isInstanceOf(SealedDataUnreadableException.class);
    }

    @Test
    void aForgottenDataKeyIsNoLongerKept() {
        EnvelopeEncryption envelope = envelope();
        byte[] ad = EnvelopeEncryption.bindTo("record.document-title", Ids.newId());
        String token = envelope.sealText("Compte rendu", ad);
        assertThat(envelope.openText(token, ad)).isEqualTo("Compte rendu");
        assertThat(envelope.keepsText(token)).isTrue();

        envelope.forgetText(token);

        assertThat(envelope.keepsText(token)).isFalse();
    }

    @Test
    void nothingIsKeptWhenTurnedOffOrWhenTheKeyServiceCannotTellItsKeysApart() {
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("master-keyset.json"));
        byte[] ad = "x".getBytes(StandardCharsets.UTF_8);
        EnvelopeEncryption off = new EnvelopeEncryption(keys, 0);
        EnvelopeEncryption.Sealed sealed = off.seal(NOTE, ad);
        assertThat(off.open(sealed, ad)).isEqualTo(NOTE);
        assertThat(off.keptDataKeys()).isZero();

        // A key service without unwrappingKeys() (a KMS that rotates on its side): every open unwraps.
        KeyEncryptionKey service = new KeyEncryptionKey() {
            @Override
            public byte[] wrap(byte[] dataKey, byte[] context) throws java.security.GeneralSecurityException {
                return keys.wrap(dataKey, context);
            }

            @Override
            public byte[] unwrap(byte[] wrappedKey, byte[] context) throws java.security.GeneralSecurityException {
                return keys.unwrap(wrappedKey, context);
            }

            @Override
            public String describe() {
                return "a key service";
            }
        };
        EnvelopeEncryption viaService = new EnvelopeEncryption(service);
        EnvelopeEncryption.Sealed other = viaService.seal(NOTE, ad);
        assertThat(viaService.open(other, ad)).isEqualTo(NOTE);
        assertThat(viaService.keptDataKeys()).isZero();
    }
}
