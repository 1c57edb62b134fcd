package rawhttpget.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

/** Records what the parser reports and notes any call out of order (body before head, anything after complete). */
final class RecordingListener implements ResponseListener {
    final List<ResponseHead> heads = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final Set<byte[]> bodyArrays = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<String> orderViolations = new ArrayList<>();
    int completions;

    @Override
    public void onHead(ResponseHead head) {
        if (!heads.isEmpty() || completions > 0) {
            orderViolations.add("onHead after " + (completions > 0 ? "onComplete" : "another onHead"));
        }
        heads.add(head);
    }

    @Override
    public void onBody(byte[] buf, int off, int len) {
        if (heads.isEmpty() || completions > 0) {
            orderViolations.add("onBody " + (completions > 0 ? "after onComplete" : "before onHead"));
        }
        if (len <= 0) {
            orderViolations.add("onBody with length " + len);
        }
        bodyArrays.add(buf);
        body.write(buf, off, len);
    }

    @Override
    public void onComplete() {
        if (heads.isEmpty()) {
            orderViolations.add("onComplete before onHead");
        }
        completions++;
    }

    byte[] bodyBytes() {
        return body.toByteArray();
    }
}
