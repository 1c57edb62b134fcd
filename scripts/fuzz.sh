#!/usr/bin/env bash
# fuzz.sh SECONDS [CLASS#METHOD ...] — runs each Jazzer fuzz target for SECONDS, one JVM per target (libFuzzer
# fuzzes one target per process). Without targets, runs them all. The corpus each target grows goes to
# .cifuzz-corpus/ (not committed); a finding is written by Jazzer next to the committed seeds in
# src/test/resources/rawhttpget/.../<Class>Inputs/<method>/, where every `mvn test` replays it from then on.
# Exits non-zero when any target found something. Needs `mvn test-compile` first (the Makefile does it).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: fuzz.sh SECONDS [CLASS#METHOD ...]}
shift
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(
        rawhttpget.ethernet.EthernetFrameFuzzTest#arbitraryBytesAreRefusedWithAReasonOrReadWithinTheFrame
        rawhttpget.arp.ArpPacketFuzzTest#arbitraryBytesAreRefusedWithAReasonOrReadBackExactly
        rawhttpget.ipv4.Ipv4PacketFuzzTest#arbitraryBytesAreRefusedWithAReasonOrHaveAPayloadInsideThem
        rawhttpget.ipv4.IcmpMessageFuzzTest#arbitraryBytesAreRefusedWithAReasonOrDescribed
        rawhttpget.ipv6.Ipv6PacketFuzzTest#arbitraryBytesAreRefusedWithAReasonOrWalkedToAnUpperLayerInsideThem
        rawhttpget.ipv6.Icmpv6MessageFuzzTest#arbitraryBytesAreRefusedWithAReasonOrDescribed
        rawhttpget.ndp.NdpMessageFuzzTest#arbitraryBytesAreRefusedWithAReasonOrReadWithinTheMessage
        rawhttpget.tcp.TcpSegmentFuzzTest#arbitraryBytesAreRefusedWithAReasonOrReadWithinTheSegment
        rawhttpget.stack.NetworkStackFuzzTest#hostileFramesNeverThrowAndEverythingSentIsWellFormed
        rawhttpget.stack.Ipv6StackFuzzTest#hostileIpv6FramesNeverThrowAndEverythingSentIsWellFormed
        rawhttpget.http.ResponseParserJazzerTest#arbitraryResponsesOnlyEverFailWithAProtocolError
        rawhttpget.http.HttpUrlFuzzTest#arbitraryUrlsAndLocationsAreRefusedWithAReasonOrWellFormed
        rawhttpget.http.AuthChallengeFuzzTest#arbitraryChallengesAreReadOrRefusedWithAReason
        rawhttpget.http.ProxyReplyFuzzTest#arbitraryRepliesAreReadWithinTheirHeadOrRefusedWithAReason
        rawhttpget.download.NetrcFuzzTest#arbitraryFilesAreReadWithoutFailing
        rawhttpget.download.InputFileFuzzTest#arbitraryInputFilesGiveTrimmedLinesThatResolveOrAreRefused
        rawhttpget.download.LimitRateFuzzTest#arbitraryRatesAndChecksumsAreReadOrRefusedWithOneLine
        rawhttpget.output.SplitStateFuzzTest#arbitraryStateFilesAreReadBackExactlyOrRefusedWithOneLine
        rawhttpget.http.ContentDispositionFuzzTest#arbitraryDispositionsGiveANonEmptyNameOrNone
        rawhttpget.http.ContentDispositionFuzzTest#arbitraryRetryAftersGiveANonNegativeWaitOrNone
        rawhttpget.http.ConnectionPersistenceFuzzTest#arbitraryConnectionFieldsDecideWithoutFailing
        rawhttpget.runtime.OwnAddressFuzzTest#arbitraryAddressesAreReadOrRefusedAsAUsageErrorInOneLine
        rawhttpget.cli.CommandLineFuzzTest#arbitraryCommandLinesAreParsedOrRefusedInOneLine
    )
fi

classpath_file=target/fuzz.classpath
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
    mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
fi
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"
mkdir -p target/fuzz-logs

failed=()
for target in "${targets[@]}"; do
    log="target/fuzz-logs/${target##*.}.log"
    start=$SECONDS
    # Instrument only our classes: faster start, and coverage feedback only where it means something.
    if JAZZER_FUZZ=1 java -Xmx1g \
        -Djazzer.instrumentation_includes='rawhttpget.**' -Djazzer.custom_hook_includes='rawhttpget.**' \
        -cp "$classpath" rawhttpget.fuzz.FuzzOne "$target" "$seconds" >"$log" 2>&1; then
        runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
        echo "fuzz: ${target##*.}: ${runs:-?} inputs in ${seconds}s, no finding ($((SECONDS - start))s with start-up)"
    else
        echo "fuzz: ${target##*.}: FINDING or error, see $log" >&2
        grep -E '^(== Java Exception|Caused by|\s+at rawhttpget)' "$log" | head -20 >&2 || true
        failed+=("$target")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
    exit 1
fi
