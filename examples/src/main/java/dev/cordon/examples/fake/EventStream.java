package dev.cordon.examples.fake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * AWS's binary event-stream framing ({@code application/vnd.amazon.eventstream}), as Bedrock
 * streams ConverseStream and InvokeModelWithResponseStream: per message a prelude (total length,
 * headers length, CRC32 of the two), string headers ({@code :event-type}, {@code :content-type},
 * {@code :message-type}), the JSON payload, and a CRC32 of all that precedes it.
 */
final class EventStream {
    private EventStream() {}

    static byte[] event(String eventType, String json) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        header(headers, ":event-type", eventType);
        header(headers, ":content-type", "application/json");
        header(headers, ":message-type", "event");
        byte[] h = headers.toByteArray();
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int total = 12 + h.length + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(h.length);
        b.putInt((int) crc(b.array(), 0, 8));
        b.put(h).put(payload);
        b.putInt((int) crc(b.array(), 0, total - 4));
        return b.array();
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.write(n.length);
        out.write(n, 0, n.length);
        out.write(7); // string
        out.write((v.length >> 8) & 0xff);
        out.write(v.length & 0xff);
        out.write(v, 0, v.length);
    }

    private static long crc(byte[] bytes, int off, int len) {
        CRC32 c = new CRC32();
        c.update(bytes, off, len);
        return c.getValue();
    }
}
