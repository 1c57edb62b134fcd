package rawhttpget.tcp;

import rawhttpget.inet.Ipv4Address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays the server against one {@link TcpConnection} in virtual time. It owns the connection, captures
 * every segment the connection transmits (checksum and reserved bits checked, then parsed back into a
 * {@link Seg}), and builds the segments the server sends from a template plus the fields that differ,
 * as real bytes with a real checksum, so the connection sees exactly what the stack would hand it.
 *
 * <p>Sequence numbers in both directions are relative, as tcpdump prints them: ours to {@link #iss},
 * the server's to {@link #irs}.
 */
final class ScriptedPeer {
    static final int LOCAL_IP = Ipv4Address.parseBits("198.18.0.1");
    static final int REMOTE_IP = Ipv4Address.parseBits("198.18.1.2");
    static final int LOCAL_PORT = 40000;
    static final int REMOTE_PORT = 80;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final long NEVER = Long.MAX_VALUE;
    static final int DEFAULT_ISS = 0x1000_0000;
    static final int DEFAULT_IRS = 0x7000_0000;
    /** The server's timestamp clock reads this at time 0 and ticks once a millisecond. */
    static final int PEER_TS_BASE = 5000;
    /** When the SYN-ACK arrives in {@link #established}: a 10 ms round trip. */
    static final long HANDSHAKE_RTT = 10 * MS;

    /** What the server announces in its SYN-ACK; -1 for an option it leaves out. */
    record PeerSyn(int mss, int wscale, boolean sackOk, boolean timestamps, int window) {
        /** What a Linux server sends. */
        static PeerSyn linux() {
            return new PeerSyn(1460, 7, true, true, 65160);
        }

        /** A server that offers nothing but an MSS. */
        static PeerSyn mssOnly(int mss) {
            return new PeerSyn(mss, -1, false, false, 65535);
        }

        PeerSyn window(int w) {
            return new PeerSyn(mss, wscale, sackOk, timestamps, w);
        }
    }

    /**
     * A config that keeps expected numbers small: a 60000-byte buffer (no window scaling needed), SACK
     * offered, timestamps off, Linux's timers.
     */
    static TcpConfig plainConfig() {
        return TcpConfig.defaults(1460).withReceiveBuffer(60000).withOptions(true, true, false);
    }

    final TcpConfig config;
    final TcpConnection conn;
    final int iss;
    final int irs;
    long now;

    /** The server's next relative sequence number: 1 after its SYN. */
    int nextSeq = 1;
    /** The window field the server puts in its segments after the SYN-ACK. */
    int peerWindow = 65535;
    /** Whether the server sends timestamps after the handshake. */
    boolean peerTimestamps;
    /** Our newest TSval as sent on the wire (absolute), for the server to echo. */
    int lastTsValSent;
    /** Relative sequence number one past the highest we have sent. */
    int ourMax;

    private final Capture capture = new Capture();
    private final List<Long> sentAt = new ArrayList<>();
    /** The bytes of the last segment we sent, TCP header first. */
    byte[] lastRaw;
    private final List<Seg> sent = new ArrayList<>();
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final TcpSegment view = new TcpSegment();
    private final TcpOptions parsed = new TcpOptions();

    ScriptedPeer(TcpConfig config, int iss, int irs) {
        this.config = config;
        this.iss = iss;
        this.irs = irs;
        this.conn = new TcpConnection(config, LOCAL_IP, LOCAL_PORT, REMOTE_IP, REMOTE_PORT, iss, iss);
    }

    /** A connection whose timestamp clock has its own offset, not the ISS. */
    ScriptedPeer(TcpConfig config, int iss, int irs, int timestampOffset) {
        this.config = config;
        this.iss = iss;
        this.irs = irs;
        this.conn = new TcpConnection(config, LOCAL_IP, LOCAL_PORT, REMOTE_IP, REMOTE_PORT, iss, timestampOffset);
    }

    /** A connection that has sent its SYN at time 0 (still in the capture). */
    static ScriptedPeer synSent(TcpConfig config) {
        return synSent(config, DEFAULT_ISS, DEFAULT_IRS);
    }

    static ScriptedPeer synSent(TcpConfig config, int iss, int irs) {
        ScriptedPeer p = new ScriptedPeer(config, iss, irs);
        p.conn.connect(0);
        p.poll();
        return p;
    }

    /** A connection through the handshake: SYN at 0, SYN-ACK at 10 ms, our ACK sent; capture emptied. */
    static ScriptedPeer established(TcpConfig config, PeerSyn syn) {
        return established(config, syn, DEFAULT_ISS, DEFAULT_IRS);
    }

    static ScriptedPeer established(TcpConfig config, PeerSyn syn, int iss, int irs) {
        ScriptedPeer p = synSent(config, iss, irs);
        p.take();
        p.now = HANDSHAKE_RTT;
        p.receive(p.synAck(syn));
        p.poll();
        assertThat(p.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        p.take();
        return p;
    }

    static ScriptedPeer established(TcpConfig config) {
        return established(config, PeerSyn.mssOnly(1460));
    }

    // ------------------------------------------------------------------ time and polling

    void at(long t) {
        assertThat(t).as("virtual time goes forward").isGreaterThanOrEqualTo(now);
        now = t;
    }

    void poll() {
        conn.poll(now, capture);
    }

    /** Moves to {@code t} and polls. */
    void pollAt(long t) {
        at(t);
        poll();
    }

    /**
     * Runs the connection on its own timers, {@code poll(t); t = pollAt()}, up to and including
     * {@code until}; leaves the clock at the last poll.
     */
    void runUntil(long until) {
        for (int i = 0; i < 1_000_000; i++) {
            long t = conn.pollAt();
            if (t == NEVER || t > until) {
                return;
            }
            now = Math.max(now, t);
            poll();
        }
        fail("connection keeps asking to be polled at " + now);
    }

    // ------------------------------------------------------------------ what we sent

    /** Everything transmitted since the last take, oldest first. */
    List<Seg> take() {
        List<Seg> s = new ArrayList<>(sent);
        sent.clear();
        sentAt.clear();
        return s;
    }

    /** The times (ns) of everything transmitted since the last take. */
    List<Long> takeTimes() {
        List<Long> t = new ArrayList<>(sentAt);
        sent.clear();
        sentAt.clear();
        return t;
    }

    Seg takeOne() {
        List<Seg> s = take();
        assertThat(s).as("segments sent").hasSize(1);
        return s.get(0);
    }

    // ------------------------------------------------------------------ the application

    /** The application reads everything readable. */
    byte[] drain() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        conn.drainTo((buf, off, len) -> {
            b.write(buf, off, len);
            delivered.write(buf, off, len);
            return len;
        });
        return b.toByteArray();
    }

    /** The application reads at most {@code max} bytes. */
    byte[] drain(int max) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        conn.drainTo((buf, off, len) -> {
            int n = Math.min(len, max - b.size());
            b.write(buf, off, n);
            delivered.write(buf, off, n);
            return n;
        });
        return b.toByteArray();
    }

    String drainAscii() {
        return new String(drain(), StandardCharsets.ISO_8859_1);
    }

    void write(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        conn.write(b, 0, b.length);
    }

    void write(byte[] b) {
        conn.write(b, 0, b.length);
    }

    // ------------------------------------------------------------------ what the server sends

    /** The server's timestamp clock now. */
    int peerTsNow() {
        return PEER_TS_BASE + (int) (now / MS);
    }

    In synAck(PeerSyn syn) {
        In in = new In().flags(TcpFlags.SYN | TcpFlags.ACK).seq(0).ack(1).window(syn.window());
        in.mss = syn.mss();
        in.wscale = syn.wscale();
        in.sackOk = syn.sackOk();
        in.timestamps = syn.timestamps();
        peerTimestamps = syn.timestamps() && config.timestamps();
        return in;
    }

    /** The template: an ACK of everything we sent, at the server's next sequence number. */
    In seg() {
        return new In().flags(TcpFlags.ACK).seq(nextSeq).ack(ourMax).window(peerWindow);
    }

    /** In-order data with PSH, advancing the server's sequence number. */
    In data(String ascii) {
        return data(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    In data(byte[] bytes) {
        In in = seg().flags(TcpFlags.ACK | TcpFlags.PSH).payload(bytes);
        nextSeq += bytes.length;
        return in;
    }

    /** A FIN at the server's next sequence number, advancing it. */
    In fin() {
        In in = seg().flags(TcpFlags.FIN | TcpFlags.ACK);
        nextSeq += 1;
        return in;
    }

    /** Builds the segment's bytes (real header, options, checksum) and hands it to the connection. */
    void receive(In in) {
        TcpOptions o = new TcpOptions();
        o.mss = in.mss;
        o.windowScale = in.wscale;
        o.sackPermitted = in.sackOk;
        boolean ts = in.timestamps != null ? in.timestamps : peerTimestamps;
        if (ts) {
            o.hasTimestamp = true;
            o.tsVal = in.tsVal != null ? in.tsVal : peerTsNow();
            o.tsEcr = in.tsEcr != null ? in.tsEcr : lastTsValSent;
        }
        for (int i = 0; i < in.sack.length; i++) {
            o.sackBlocks[2 * i] = iss + in.sack[i].left();
            o.sackBlocks[2 * i + 1] = iss + in.sack[i].right();
        }
        o.sackBlockCount = in.sack.length;
        byte[] b = new byte[TcpSegment.MIN_HEADER_LENGTH + TcpOptions.MAX_LENGTH + in.payload.length];
        int payloadAt = TcpSegment.emitHeader(b, 0, REMOTE_PORT, LOCAL_PORT, irs + in.seq, iss + in.ack, in.flags,
                in.window, o);
        System.arraycopy(in.payload, 0, b, payloadAt, in.payload.length);
        int length = payloadAt + in.payload.length;
        TcpSegment.fillChecksum(b, 0, length, REMOTE_IP, LOCAL_IP);
        TcpSegment seg = new TcpSegment();
        assertThat(seg.wrap(b, 0, length)).isNull();
        assertThat(seg.checksumValid(REMOTE_IP, LOCAL_IP)).isTrue();
        TcpOptions opts = new TcpOptions();
        assertThat(seg.parseOptions(opts)).isNull();
        conn.onSegment(seg, opts, now);
    }

    /** A segment from the server, as a builder; relative numbers. */
    static final class In {
        int flags = TcpFlags.ACK;
        int seq;
        int ack;
        int window;
        byte[] payload = Seg.NO_DATA;
        int mss = -1;
        int wscale = -1;
        boolean sackOk;
        /** null: whatever the handshake agreed. */
        Boolean timestamps;
        Integer tsVal;
        Integer tsEcr;
        Seg.Block[] sack = new Seg.Block[0];

        In flags(int f) {
            flags = f;
            return this;
        }

        In seq(int s) {
            seq = s;
            return this;
        }

        In ack(int a) {
            ack = a;
            return this;
        }

        In window(int w) {
            window = w;
            return this;
        }

        In payload(byte[] p) {
            payload = p;
            return this;
        }

        In payload(String ascii) {
            return payload(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        In ts(int val, int ecr) {
            timestamps = true;
            tsVal = val;
            tsEcr = ecr;
            return this;
        }

        In tsVal(int val) {
            timestamps = true;
            tsVal = val;
            return this;
        }

        In noTimestamps() {
            timestamps = false;
            return this;
        }

        In sack(Seg.Block... blocks) {
            sack = blocks;
            return this;
        }
    }

    /** Bytes from the server the application has read so far. */
    byte[] delivered() {
        return delivered.toByteArray();
    }

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    // ------------------------------------------------------------------ capturing what the connection sends

    /** The SegmentOutput the connection writes into: a buffer pre-filled with 0xA5 to expose unwritten bytes. */
    private final class Capture implements SegmentOutput {
        static final int TCP_AT = 34;
        private final byte[] buf = new byte[TCP_AT + 60 + 65535];

        Capture() {
            Arrays.fill(buf, (byte) 0xA5);
        }

        @Override
        public byte[] buffer() {
            return buf;
        }

        @Override
        public int tcpOffset() {
            return TCP_AT;
        }

        @Override
        public void transmit(int sourceIp, int destinationIp, int tcpLength) {
            assertThat(sourceIp).isEqualTo(LOCAL_IP);
            assertThat(destinationIp).isEqualTo(REMOTE_IP);
            assertThat(view.wrap(buf, TCP_AT, tcpLength)).isNull();
            assertThat(view.checksumValid(LOCAL_IP, REMOTE_IP)).as("checksum of a segment we sent").isTrue();
            assertThat(view.sourcePort()).isEqualTo(LOCAL_PORT);
            assertThat(view.destinationPort()).isEqualTo(REMOTE_PORT);
            assertThat(buf[TCP_AT + 12] & 0x0F).as("reserved bits").isZero();
            assertThat(((buf[TCP_AT + 18] & 0xFF) << 8) | (buf[TCP_AT + 19] & 0xFF)).as("urgent pointer").isZero();
            assertThat(view.parseOptions(parsed)).isNull();
            sent.add(toSeg());
            sentAt.add(now);
            lastRaw = Arrays.copyOfRange(buf, TCP_AT, TCP_AT + tcpLength);
            Arrays.fill(buf, (byte) 0xA5);
        }

        private Seg toSeg() {
            int flags = view.flags();
            boolean ack = (flags & TcpFlags.ACK) != 0;
            Seg.Ts ts = null;
            if (parsed.hasTimestamp) {
                ts = new Seg.Ts(parsed.tsVal - iss, parsed.tsEcr);
                lastTsValSent = parsed.tsVal;
            }
            List<Seg.Block> sack = new ArrayList<>();
            for (int i = 0; i < parsed.sackBlockCount; i++) {
                sack.add(new Seg.Block(parsed.sackBlocks[2 * i] - irs, parsed.sackBlocks[2 * i + 1] - irs));
            }
            Seg.Opts opts = new Seg.Opts(parsed.mss, parsed.windowScale, parsed.sackPermitted, ts, List.copyOf(sack));
            byte[] payload = Arrays.copyOfRange(buf, view.payloadOffset(), view.payloadOffset() + view.payloadLength());
            int seq = view.seq() - iss;
            int end = seq + view.sequenceLength();
            if ((flags & TcpFlags.RST) == 0 && end - ourMax > 0) {
                ourMax = end;
            }
            return new Seg(flags, seq, ack ? view.ack() - irs : view.ack(), view.window(), opts, payload);
        }
    }
}
