package dev.mr.security;

/**
 * What one request carries that bears on who sent it, as the HTTP edge read it.
 *
 * @param method        the HTTP method
 * @param path          the path, for matching the access rules
 * @param pathAndQuery  the request target exactly as sent, which a signature covers
 * @param authorization the {@code Authorization} header, or null
 * @param bodySha256    the {@value RequestSignature#CONTENT_SHA256} header, or null
 * @param sessionToken  the session cookie's token, or null
 * @param capability    the {@value Capability#HEADER} header, or null
 * @param csrfHeader    whether the {@value Gate#CSRF_HEADER} header is present
 */
public record Presented(String method, String path, String pathAndQuery, String authorization, String bodySha256,
                        String sessionToken, String capability, boolean csrfHeader) {}
