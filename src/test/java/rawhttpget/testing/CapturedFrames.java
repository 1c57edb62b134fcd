package rawhttpget.testing;

import rawhttpget.ethernet.EthernetFrame;

import java.util.List;

/**
 * Whole Ethernet frames captured from real Linux traffic (kernel 6.18, curl 7.88.1 fetching a 300 kB file
 * from python3 -m http.server), byte for byte. The set-up, in network namespaces of our own:
 * <pre>
 *   client 198.18.0.1 --veth-- 198.18.0.254 router 198.19.0.254 --veth-- 198.19.0.1 server
 * </pre>
 * with checksum and segmentation offloads off on every veth (so captured checksums are final), the
 * router's side toward the client at MTU 1280 (so the server's 1500-byte segments draw ICMP
 * fragmentation-needed), and an nftables rule on the router dropping every sixth forwarded data segment
 * (so the client sends SACK blocks). {@code src/test/capture/capture-fixtures.sh} recreates the set-up.
 * Field values in the comments are tshark's reading of the same bytes, with absolute sequence numbers;
 * tshark found every IP and TCP checksum here good.
 */
public final class CapturedFrames {
    private CapturedFrames() {
    }

    public static final long CLIENT_MAC = 0xf67a819bd767L;
    public static final long ROUTER_MAC = 0x8e1bcb58f239L;
    /** 198.18.0.1 */
    public static final int CLIENT_IP = 0xc6120001;
    /** 198.18.0.254, the client's gateway */
    public static final int GATEWAY_IP = 0xc61200fe;
    /** 198.19.0.1 */
    public static final int SERVER_IP = 0xc6130001;
    /** 198.19.0.254, the router on the server's side */
    public static final int ROUTER_SERVER_SIDE_IP = 0xc61300fe;
    public static final int CLIENT_PORT = 40276;

    /** ARP, Request who-has 198.18.0.254 tell 198.18.0.1, to broadcast. 42 bytes. */
    public static final String ARP_REQUEST = """
            ff ff ff ff ff ff f6 7a 81 9b d7 67 08 06 00 01 08 00 06 04 00 01 f6 7a 81 9b d7 67 c6 12 00 01
            00 00 00 00 00 00 c6 12 00 fe
            """;

    /** ARP, Reply 198.18.0.254 is-at 8e:1b:cb:58:f2:39. 42 bytes. */
    public static final String ARP_REPLY = """
            f6 7a 81 9b d7 67 8e 1b cb 58 f2 39 08 06 00 01 08 00 06 04 00 02 8e 1b cb 58 f2 39 c6 12 00 fe
            f6 7a 81 9b d7 67 c6 12 00 01
            """;

    /**
     * 198.18.0.1.40276 > 198.19.0.1.80: Flags [S], seq 3346131525, win 64240,
     * options [mss 1460,sackOK,TS val 1087227661 ecr 0,nop,wscale 10]. IP id 0x04c9, ttl 64, DF,
     * header checksum 0xa9cb; TCP checksum 0x69ad. 74 bytes.
     */
    public static final String SYN = """
            8e 1b cb 58 f2 39 f6 7a 81 9b d7 67 08 00 45 00 00 3c 04 c9 40 00 40 06 a9 cb c6 12 00 01 c6 13
            00 01 9d 54 00 50 c7 71 ea 45 00 00 00 00 a0 02 fa f0 69 ad 00 00 02 04 05 b4 04 02 08 0a 40 cd
            c7 0d 00 00 00 00 01 03 03 0a
            """;

    /**
     * 198.19.0.1.80 > 198.18.0.1.40276: Flags [S.], seq 4150558236, ack 3346131526, win 65160,
     * options [mss 1460,sackOK,TS val 1785714980 ecr 1087227661,nop,wscale 10]. IP id 0, ttl 63 (one
     * router), DF, header checksum 0xaf94; TCP checksum 0xacee. 74 bytes.
     */
    public static final String SYN_ACK = """
            f6 7a 81 9b d7 67 8e 1b cb 58 f2 39 08 00 45 00 00 3c 00 00 40 00 3f 06 af 94 c6 13 00 01 c6 12
            00 01 00 50 9d 54 f7 64 7e 1c c7 71 ea 46 a0 12 fe 88 ac ee 00 00 02 04 05 b4 04 02 08 0a 6a 6f
            d9 24 40 cd c7 0d 01 03 03 0a
            """;

    /**
     * 198.18.0.1.40276 > 198.19.0.1.80: Flags [P.], seq 3346131526:3346131603, ack 4150558237, win 63,
     * options [nop,nop,TS val 1087227662 ecr 1785714980], length 77: the HTTP request. IP id 0x04cb,
     * ttl 64, DF, total length 129, header checksum 0xa984; TCP checksum 0xff3b. 143 bytes.
     */
    public static final String HTTP_GET = """
            8e 1b cb 58 f2 39 f6 7a 81 9b d7 67 08 00 45 00 00 81 04 cb 40 00 40 06 a9 84 c6 12 00 01 c6 13
            00 01 9d 54 00 50 c7 71 ea 46 f7 64 7e 1d 80 18 00 3f ff 3b 00 00 01 01 08 0a 40 cd c7 0e 6a 6f
            d9 24 47 45 54 20 2f 62 69 67 20 48 54 54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 31 39 38 2e 31
            39 2e 30 2e 31 0d 0a 55 73 65 72 2d 41 67 65 6e 74 3a 20 63 75 72 6c 2f 37 2e 38 38 2e 31 0d 0a
            41 63 63 65 70 74 3a 20 2a 2f 2a 0d 0a 0d 0a
            """;

    public static final String HTTP_GET_PAYLOAD = "GET /big HTTP/1.1\r\nHost: 198.19.0.1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";

    /**
     * 198.18.0.1.40276 > 198.19.0.1.80: Flags [.], ack 4150596473, win 63, options [nop,nop,TS val
     * 1087227665 ecr 1785714984,nop,nop,sack 3 {4150611209:4150614893}{4150603841:4150609981}
     * {4150597701:4150602613}] (seq 3346131603). IP id 0x04f0, ttl 64, DF, header checksum 0xa990;
     * TCP checksum 0x9d0b. 94 bytes.
     */
    public static final String ACK_WITH_THREE_SACK_BLOCKS = """
            8e 1b cb 58 f2 39 f6 7a 81 9b d7 67 08 00 45 00 00 50 04 f0 40 00 40 06 a9 90 c6 12 00 01 c6 13
            00 01 9d 54 00 50 c7 71 ea 93 f7 65 13 79 f0 10 00 3f 9d 0b 00 00 01 01 08 0a 40 cd c7 11 6a 6f
            d9 28 01 01 05 1a f7 65 4d 09 f7 65 5b 6d f7 65 30 41 f7 65 48 3d f7 65 18 45 f7 65 2b 75
            """;

    /**
     * 198.18.0.1.40276 > 198.19.0.1.80: Flags [F.], seq 3346131603, ack 4150858442, win 307,
     * options [nop,nop,TS val 1087227678 ecr 1785714997]. IP id 0x05a7, ttl 64, DF, header checksum
     * 0xa8f5; TCP checksum 0x43f2. 66 bytes.
     */
    public static final String FIN_ACK = """
            8e 1b cb 58 f2 39 f6 7a 81 9b d7 67 08 00 45 00 00 34 05 a7 40 00 40 06 a8 f5 c6 12 00 01 c6 13
            00 01 9d 54 00 50 c7 71 ea 93 f7 69 12 ca 80 11 01 33 43 f2 00 00 01 01 08 0a 40 cd c7 1e 6a 6f
            d9 35
            """;

    /**
     * On the server's link: 198.19.0.254 > 198.19.0.1: ICMP 198.18.0.1 unreachable - need to frag
     * (mtu 1280). Outer IP: tos 0xc0, id 0x4ccf, no DF, ttl 64, total length 576, header checksum 0x9e08;
     * ICMP checksum 0x6aa8. It quotes the first 548 bytes of the server's 1500-byte segment
     * 198.19.0.1.80 > 198.18.0.1.40276: Flags [.], seq 4150558441, ack 3346131603 (quoted IP id 0xb98c,
     * header checksum 0xef67). Server MAC 32:5d:52:ad:18:71, router MAC 2a:ea:9e:8c:bb:3c. 590 bytes.
     */
    public static final String ICMP_FRAGMENTATION_NEEDED = """
            32 5d 52 ad 18 71 2a ea 9e 8c bb 3c 08 00 45 c0 02 40 4c cf 00 00 40 01 9e 08 c6 13 00 fe c6 13
            00 01 03 04 6a a8 00 00 05 00 45 00 05 dc b9 8c 40 00 40 06 ef 67 c6 13 00 01 c6 12 00 01 00 50
            9d 54 f7 64 7e e9 c7 71 ea 93 80 10 00 40 62 06 00 00 01 01 08 0a 6a 6f d9 27 40 cd c7 10 39 c8
            bc 77 5f 77 72 5a e8 46 86 fd 45 b5 6d a8 46 2f 58 d8 db 22 69 1c b3 c9 44 47 ec 65 ad 66 3e a6
            b3 ea b7 5d a2 30 10 f8 c6 2d b9 1b d1 97 27 c8 18 41 dc 33 87 7b 49 a9 e7 a0 17 ee 27 32 9f ee
            3c d5 3d e4 d4 83 a9 ed 94 be e2 b8 75 d2 05 e0 15 6f 6b 98 9a d8 76 bb 21 f9 ff 5c b0 8c be 11
            2b 05 82 82 5c 64 4c d5 bb 62 13 41 86 fa e0 2b 45 90 57 65 4c 22 f3 16 e9 0f 7d 1b 33 b7 c5 77
            14 21 2e fe e6 d9 0e 30 09 9b 5d 19 af 66 c1 12 80 88 9c b1 f3 7e b6 0e c1 9c f2 d6 ad 2a 1c 25
            ee 7e 80 00 43 86 81 7b 93 13 0d f4 5c 1b 07 43 88 dd 4e bd 07 d9 18 89 cb ba f6 60 a2 34 43 a4
            53 f8 73 e6 be 94 96 74 e3 00 07 2d 3d a4 98 b6 66 f2 76 36 ca 31 9c 21 0c f9 d6 8a 9d 57 fb a5
            e6 39 49 48 94 91 d8 bb f5 e4 da 63 09 95 02 03 d0 23 25 b3 01 99 c9 fa 1f c3 d1 e1 04 93 13 52
            5a 5c f3 d2 38 0c c2 23 71 27 b5 6e 5d d3 d2 4b 90 24 e8 b4 48 3e 89 8c 61 b6 7d 2d 76 cb 11 5f
            85 92 4c dc c4 dd e6 91 64 b4 73 a5 b3 0d ef 52 bd 83 07 80 ad 18 b1 82 13 d2 26 8b 7a fa 6d 47
            7a 63 0c 79 24 59 09 7f 30 75 73 cd ac 37 e0 da 59 34 1b 65 1a 45 8c 1c 33 03 20 b1 9d ad 55 b9
            90 ab fe 98 28 5b f0 72 e8 16 f7 1b 8b 7d 79 64 17 d5 02 95 7b 10 e6 4c ba 0f 61 62 ac 2d a0 75
            95 2c b7 a2 00 38 4c 20 ff ad 3d 50 61 ad f9 31 a8 c2 3b bd ef 79 54 a7 40 95 3e 1c dd 6d 0c 23
            84 9a 99 2b 21 96 80 cd 85 27 87 0d ea c0 aa 1b 30 b2 4e cf 5a 91 61 ad e8 5b 0e 71 5c 54 9b a8
            4a 3b 88 b9 09 b1 d4 47 66 01 54 a2 9b 25 6d 4e 83 70 3b 2e c0 48 55 c2 b1 cf f3 a1 c3 4a 1e 73
            4a 0f 53 10 d5 9a d2 a3 c7 4f 0a 10 6e c9
            """;

    // A second capture, same set-up, with TCP timestamps turned off on the client (sysctl
    // net.ipv4.tcp_timestamps=0) and a smaller receive buffer, so Linux lays its options out differently.
    public static final long NO_TS_CLIENT_MAC = 0x76d9cc478c19L;
    public static final long NO_TS_ROUTER_MAC = 0xae3a728b38ecL;
    public static final int NO_TS_CLIENT_PORT = 49014;

    /**
     * 198.18.0.1.49014 > 198.19.0.1.80: Flags [S], seq 2489048839, win 64240,
     * options [mss 1460,nop,nop,sackOK,nop,wscale 7]. IP id 0x13a1, ttl 64, DF, header checksum 0x9afb;
     * TCP checksum 0xb4ce. 66 bytes.
     */
    public static final String NO_TS_SYN = """
            ae 3a 72 8b 38 ec 76 d9 cc 47 8c 19 08 00 45 00 00 34 13 a1 40 00 40 06 9a fb c6 12 00 01 c6 13
            00 01 bf 76 00 50 94 5b df 07 00 00 00 00 80 02 fa f0 b4 ce 00 00 02 04 05 b4 01 01 04 02 01 03
            03 07
            """;

    /**
     * 198.18.0.1.49014 > 198.19.0.1.80: Flags [.], seq 2489048840, ack 2854860273, win 502. A bare
     * 40-byte IP packet: on a real Ethernet segment it travels padded to the 60-byte minimum. IP id
     * 0x13a2, header checksum 0x9b06; TCP checksum 0x8e70. 54 bytes as captured on the veth.
     */
    public static final String NO_TS_BARE_ACK = """
            ae 3a 72 8b 38 ec 76 d9 cc 47 8c 19 08 00 45 00 00 28 13 a2 40 00 40 06 9b 06 c6 12 00 01 c6 13
            00 01 bf 76 00 50 94 5b df 08 aa 29 b5 f1 50 10 01 f6 8e 70 00 00
            """;

    /**
     * 198.18.0.1.49014 > 198.19.0.1.80: Flags [.], seq 2489048917, ack 2854860477, win 585,
     * options [nop,nop,sack 2 {2854875077:2854876317}{2854861717:2854873977}]. IP id 0x13af, header
     * checksum 0x9ae5; TCP checksum 0x02c3. 74 bytes.
     */
    public static final String NO_TS_ACK_WITH_TWO_SACK_BLOCKS = """
            ae 3a 72 8b 38 ec 76 d9 cc 47 8c 19 08 00 45 00 00 3c 13 af 40 00 40 06 9a e5 c6 12 00 01 c6 13
            00 01 bf 76 00 50 94 5b df 55 aa 29 b6 bd a0 10 02 49 02 c3 00 00 01 01 05 12 aa 29 ef c5 aa 29
            f4 9d aa 29 bb 95 aa 29 eb 79
            """;

    public static byte[] frame(String hex) {
        return Hex.bytes(hex);
    }

    /** The IP packet inside a captured frame, without the 14-byte Ethernet header. */
    public static byte[] ipPacket(String frameHex) {
        byte[] f = Hex.bytes(frameHex);
        byte[] ip = new byte[f.length - EthernetFrame.HEADER_LENGTH];
        System.arraycopy(f, EthernetFrame.HEADER_LENGTH, ip, 0, ip.length);
        return ip;
    }

    /** The TCP segment inside a captured frame without IP options or Ethernet padding. */
    public static byte[] tcpSegment(String frameHex) {
        byte[] ip = ipPacket(frameHex);
        byte[] tcp = new byte[ip.length - 20];
        System.arraycopy(ip, 20, tcp, 0, tcp.length);
        return tcp;
    }

    public static List<byte[]> allFrames() {
        return List.of(frame(ARP_REQUEST), frame(ARP_REPLY), frame(SYN), frame(SYN_ACK), frame(HTTP_GET),
                frame(ACK_WITH_THREE_SACK_BLOCKS), frame(FIN_ACK), frame(ICMP_FRAGMENTATION_NEEDED), frame(NO_TS_SYN),
                frame(NO_TS_BARE_ACK), frame(NO_TS_ACK_WITH_TWO_SACK_BLOCKS));
    }
}
