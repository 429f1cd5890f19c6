package dev.mr.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one key, base64url text, and comparisons in constant time. Immutable and thread-safe. */
final class Hmac {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    Hmac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    byte[] mac(String text) {
        return mac(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] mac(byte[] bytes) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    String macText(String text) {
        return encode(mac(text));
    }

    /** Whether {@code mac} (base64url) is this key's MAC of {@code text}; constant time in the MAC's bytes. */
    boolean verify(String text, String mac) {
        byte[] given;
        try {
            given = B64D.decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(text), given);
    }

    static String encode(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 text of base64url {@code b64}; {@link IllegalArgumentException} when it is not base64url. */
    static String decodeText(String b64) {
        return new String(B64D.decode(b64), StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, offset, length);
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
