package org.polder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local stand-in for the services Polder uses on the internet. The address services, each answering in
 * its real format: PDOK Locatieserver under {@code /pdok/free}, Photon under {@code /photon/api/},
 * Nominatim under {@code /nominatim/search}; it knows a few Amsterdam addresses, and a query matches an
 * address that contains each of its words. Map tiles under {@code /tiles/{z}/{x}/{y}.png}, each a plain
 * PNG. {@link #down} and {@link #tilesDown} make them answer 503, as services that are away.
 */
public final class OutsideServices {

    public record Known(String street, String number, String postcode, String city, double latitude, double longitude) {
        String label() {
            return street + " " + number + ", " + postcode + " " + city;
        }
    }

    public static final List<Known> KNOWN = List.of(
            new Known("Haarlemmerstraat", "50", "1013EM", "Amsterdam", 52.3813, 4.8886),
            new Known("Prins Hendrikkade", "10", "1012TK", "Amsterdam", 52.3779, 4.9006),
            new Known("Czaar Peterstraat", "80", "1018PR", "Amsterdam", 52.3668, 4.9284),
            new Known("Damrak", "1", "1012LG", "Amsterdam", 52.3765, 4.8977),
            new Known("Damrak", "70", "1012LM", "Amsterdam", 52.3740, 4.8950));

    /**
     * "Molenweg 12, Testdorp-4711": a street in a made-up town of its own, so that each test can work far
     * from every other test's couriers. The town lies where its number puts it; each house number is 100 m
     * further north.
     */
    private static final java.util.regex.Pattern MADE_UP = java.util.regex.Pattern.compile("([a-z]+) (\\d+),? testdorp-(\\d+)");

    /** An address in a made-up town (see {@link #MADE_UP}), as tests write it. */
    public static String madeUp(String street, int number, long town) {
        return street + " " + number + ", Testdorp-" + town;
    }

    /** Where a made-up address lies. */
    public static double[] whereIs(String street, int number, long town) {
        Known k = madeUp(MADE_UP.matcher(madeUp(street, number, town).toLowerCase(Locale.ROOT)).results().findFirst().orElseThrow());
        return new double[] {k.latitude(), k.longitude()};
    }

    private static Known madeUp(java.util.regex.MatchResult m) {
        long town = Long.parseLong(m.group(3));
        double lat = -45 + Math.floorMod(town * 7919, 90_000) / 1000.0;
        double lon = -140 + Math.floorMod(town * 104_729, 280_000) / 1000.0;
        String street = Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
        return new Known(street, m.group(2), "9999ZZ", "Testdorp-" + town, lat + Integer.parseInt(m.group(2)) * 0.0009, lon);
    }

    private static OutsideServices running;

    public static volatile boolean down;
    public static volatile boolean tilesDown;
    private static final byte[] TILE = tile();
    public final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    private OutsideServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pdok/free", ex -> answer(ex, pdok(find(ex))));
        server.createContext("/photon/api/", ex -> answer(ex, photon(find(ex))));
        server.createContext("/nominatim/search", ex -> answer(ex, nominatim(find(ex))));
        server.createContext("/tiles/", ex -> {
            byte[] body = tilesDown ? new byte[0] : TILE;
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(tilesDown ? 503 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The tile template for {@code polder.map.tiles}. */
    public String tiles() {
        return url("tiles") + "/{z}/{x}/{y}.png";
    }

    private static byte[] tile() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0xE8E4D8));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new java.awt.Color(0xFFFFFF));
        g.fillRect(0, 120, 256, 16);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The stub, started on first use, for the whole test run. */
    public static synchronized OutsideServices get() {
        if (running == null) {
            try {
                running = new OutsideServices();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + service;
    }

    private List<Known> find(HttpExchange ex) {
        requests.incrementAndGet();
        String q = "";
        for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith("q=")) {
                q = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        }
        List<String> words = Arrays.stream(q.split("[\\s,]+")).filter(w -> !w.isBlank()).toList();
        List<Known> found = new ArrayList<>();
        java.util.regex.Matcher made = MADE_UP.matcher(q);
        if (made.find()) {
            found.add(madeUp(made));
            return found;
        }
        for (Known k : KNOWN) {
            String label = k.label().toLowerCase(Locale.ROOT);
            if (!words.isEmpty() && words.stream().allMatch(label::contains)) {
                found.add(k);
            }
        }
        return found;
    }

    private static String pdok(List<Known> found) {
        return "{\"response\":{\"numFound\":" + found.size() + ",\"start\":0,\"maxScore\":12.5,\"numFoundExact\":true,\"docs\":["
                + found.stream().map(k -> "{\"type\":\"adres\",\"weergavenaam\":\"" + k.label() + "\",\"centroide_ll\":\"POINT("
                        + k.longitude() + " " + k.latitude() + ")\",\"score\":12.5}").collect(Collectors.joining(",")) + "]}}";
    }

    private static String photon(List<Known> found) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + found.stream().map(k -> "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[" + k.longitude() + "," + k.latitude() + "]},\"properties\":{\"osm_type\":\"N\",\"street\":\"" + k.street()
                + "\",\"housenumber\":\"" + k.number() + "\",\"postcode\":\"" + k.postcode() + "\",\"city\":\"" + k.city()
                + "\",\"country\":\"Netherlands\",\"type\":\"house\"}}").collect(Collectors.joining(",")) + "]}";
    }

    private static String nominatim(List<Known> found) {
        return "[" + found.stream().map(k -> "{\"place_id\":1,\"lat\":\"" + k.latitude() + "\",\"lon\":\"" + k.longitude()
                + "\",\"category\":\"place\",\"type\":\"house\",\"display_name\":\"" + k.number() + ", " + k.street() + ", " + k.city()
                + ", Noord-Holland, Nederland, " + k.postcode() + ", Nederland\"}").collect(Collectors.joining(",")) + "]";
    }

    private static void answer(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int status = down ? 503 : 200;
        if (down) {
            body = "Service Unavailable".getBytes(StandardCharsets.UTF_8);
        }
        ex.getResponseHeaders().add("Content-Type", down ? "text/plain" : "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
