package org.fangkong.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Access tokens from the realm's token endpoint, kept until shortly before they expire. */
public final class RealmTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAfter) {
    }

    public RealmTokens(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** A person's token by the password grant on the phone app's client. */
    public String user(String username, String password) {
        return cached("user:" + username, () -> request(null, Map.of("grant_type", "password", "client_id", DemoRealm.APP_CLIENT,
                "username", username, "password", password, "scope", "openid")));
    }

    /** A demo person's token. */
    public String user(String username) {
        return user(username, DemoRealm.PASSWORD);
    }

    /** A demo person's subject ({@code sub}): how the services know them, and what crews and rosters name. */
    public String subject(String username) {
        String payload = user(username).split("\\.")[1];
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException("the realm's token for " + username + " is not a JWT", e);
        }
    }

    /** A confidential client's own token by client credentials. */
    public String client(String clientId, String secret) {
        return cached("client:" + clientId, () -> request(clientId + ":" + secret, Map.of("grant_type", "client_credentials")));
    }

    private String cached(String key, TokenSource source) {
        Token token = cache.get(key);
        if (token == null || Instant.now().isAfter(token.renewAfter())) {
            token = source.fetch();
            cache.put(key, token);
        }
        return token.value();
    }

    @FunctionalInterface
    private interface TokenSource {
        Token fetch();
    }

    private Token request(String basic, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the realm refused a token (" + response.statusCode() + "): " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            long lifetime = answer.path("expires_in").asLong(300);
            return new Token(answer.path("access_token").asText(), Instant.now().plusSeconds(Math.max(10, lifetime - 60)));
        } catch (IOException e) {
            throw new IllegalStateException("the realm at " + realmUrl + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
