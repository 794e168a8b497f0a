package org.polder.export;

import org.junit.jupiter.api.Test;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.ExportVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The export verifier takes uploads from anyone logged in: a ZIP that unpacks to gigabytes is refused early, in little memory. */
class ExportBombIT extends PolderIT {

    /** A small ZIP whose trail.json unpacks to {@code megabytes} of JSON whitespace. */
    static byte[] bomb(int megabytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            out.putNextEntry(new ZipEntry(ExportVerifier.TRAIL_FILE));
            out.write("{\"events\": [".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                out.write(spaces);
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    static long heapUsedPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    @Test
    void aZipBombIsRefusedWith413InLittleMemory() throws Exception {
        byte[] bomb = bomb(1024);                     // 1 GB once unpacked
        assertThat(bomb.length).isLessThan(4 << 20);
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Api.Response r = me.postRaw("/api/v1/me/export/verify", "application/zip", bomb);
        long extra = heapUsedPeak() - before;

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("verify.tooLarge");
        assertThat(r.json().get("message").asString()).contains("times its size");
        assertThat(extra).as("extra heap while refusing the bomb").isLessThan(256L << 20);
    }

    @Test
    void tooManyFilesAreRefusedAndAnythingElseUnreadableIsA400() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i <= ExportVerifier.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("file" + i + ".json"));
                out.write('1');
                out.closeEntry();
            }
        }
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api.Response many = me.postRaw("/api/v1/me/export/verify", "application/zip", bytes.toByteArray());
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.json().get("message").asString()).contains("more than " + ExportVerifier.MAX_ENTRIES + " files");

        Api.Response junk = me.postRaw("/api/v1/me/export/verify", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThat(junk.status()).isEqualTo(400);
        assertThat(api().postRaw("/api/v1/me/export/verify", "application/zip", bomb(1)).status()).isEqualTo(401);
    }
}
