/*
 * pcap-open-close.c: opens a capture on an interface as rawhttpget does (libpcap, TPACKET_V3, the same snap
 * length and kernel buffer) and closes it at once. What this costs is the kernel's (setting up the ring, and
 * the RCU grace periods of the socket's teardown), a part of every run that no Java code can shorten;
 * scripts/bench-startup.sh times it beside rawhttpget. Built there against libpcap.so.0.8 with the prototypes
 * below, so the benchmark needs no libpcap-dev.
 *
 *   pcap-open-close INTERFACE BUFFER_BYTES
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct pcap pcap_t;
pcap_t *pcap_create(const char *source, char *errbuf);
int pcap_set_snaplen(pcap_t *p, int snaplen);
int pcap_set_timeout(pcap_t *p, int ms);
int pcap_set_buffer_size(pcap_t *p, int bytes);
int pcap_activate(pcap_t *p);
char *pcap_geterr(pcap_t *p);
void pcap_close(pcap_t *p);

int main(int argc, char **argv) {
    char errbuf[256];
    if (argc != 3) {
        fprintf(stderr, "usage: pcap-open-close INTERFACE BUFFER_BYTES\n");
        return 2;
    }
    pcap_t *p = pcap_create(argv[1], errbuf);
    if (p == NULL) {
        fprintf(stderr, "pcap-open-close: %s\n", errbuf);
        return 1;
    }
    pcap_set_snaplen(p, 65535 + 14 + 4);
    pcap_set_timeout(p, 1);
    pcap_set_buffer_size(p, atoi(argv[2]));
    if (pcap_activate(p) < 0) {
        fprintf(stderr, "pcap-open-close: %s\n", pcap_geterr(p));
        return 1;
    }
    pcap_close(p);
    return 0;
}
