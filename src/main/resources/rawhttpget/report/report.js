// rawhttpget's TCP report: draws each connection of the embedded JSON (id rawhttpget-data) with uPlot.
// Plain ES5 and canvas only, so the file opens offline in any current browser.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('rawhttpget-data').textContent);
  var main = document.getElementById('report');
  var COLORS = {
    data: '#1f3fbf', retx: '#d01c1c', ooo: '#e07b00', dup: '#7a0000', ack: '#0a8a2a', win: '#b8860b',
    sack: '#8e44ad', zero: 'rgba(220, 40, 40, 0.12)', syn: '#000000', fin: '#000000'
  };
  var KIND_COLORS = {
    'retransmission': COLORS.retx, 'hole': COLORS.ooo, 'dsack': COLORS.sack, 'window-closed': '#c0392b',
    'window-opened': COLORS.ack, 'peer-window-closed': '#c0392b', 'retransmission-sent': COLORS.retx,
    'rst': '#000', 'fin': '#555', 'icmp': '#c0392b'
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function fmtBytes(n) {
    if (n >= 1048576) { return (n / 1048576).toFixed(1) + ' MiB'; }
    if (n >= 1024) { return (n / 1024).toFixed(1) + ' KiB'; }
    return n + ' B';
  }

  function plotWidth() {
    return Math.max(600, Math.min(1340, main.clientWidth - 40));
  }

  if (!data.connections.length) {
    main.appendChild(el('p', 'note', 'No TCP connection was opened in this run.'));
  }
  var tsgs = [];
  data.connections.forEach(function (c, i) { tsgs.push(renderConnection(c, i)); });
  // A link may name a moment: report.html#c1:0.25-0.32 opens connection 1's graphs on 0.25 s to 0.32 s.
  var wanted = /^#c(\d+):([0-9.]+)-([0-9.]+)$/.exec(window.location.hash);
  if (wanted && tsgs[wanted[1] - 1]) {
    zoomTo(tsgs[wanted[1] - 1], parseFloat(wanted[2]), parseFloat(wanted[3]), true);
  }

  function renderConnection(c, index) {
    var section = el('section', 'connection');
    main.appendChild(section);
    section.appendChild(el('h2', null, 'Connection ' + (index + 1) + ': ' + c.local + ' \u2192 ' + c.remote
      + (c.url ? '  (' + c.url + ')' : '')));
    var k = c.counters;
    section.appendChild(el('p', 'summary', k.segmentsIn + ' segments received, ' + k.segmentsOut + ' sent; '
      + k.outOfOrder + ' out of order, ' + k.duplicates + ' duplicates, ' + k.dsackBlocksSent + ' D-SACK blocks sent, '
      + k.retransmissions + ' of ours resent, our window closed ' + k.zeroWindowEvents + ' times. MSS ' + c.mss
      + ', receive buffer ' + fmtBytes(c.receiveBuffer) + ', window scale ours ' + c.wscale.ours + ', peer '
      + c.wscale.peer + '.'));
    if (c.summarised) {
      section.appendChild(el('p', 'note', 'This connection had ' + c.summarised.segments + ' segments: runs of '
        + 'plain in-order segments (and of plain ACKs) are drawn as one line each; every retransmission, '
        + 'out-of-order arrival, SACK and event is kept as it was.'));
    }
    var segs = c.segments.slice().sort(function (a, b) { return a.t - b.t; });
    var span = timeSpan(c, segs);
    var plots = [];
    var tsg = timeSequence(section, c, segs, span, plots);
    phases(section, c, span, tsg);
    throughput(section, segs, span, plots);
    rtt(section, c, span, plots);
    stackKnew(section, c, span, plots);
    var around = Math.max(0.002, (span[1] - span[0]) * 0.01);
    decisions(section, c, tsg, around);
    events(section, c, tsg, around);
    return tsg;
  }

  function timeSpan(c, segs) {
    var lo = Infinity, hi = -Infinity;
    segs.forEach(function (s) { lo = Math.min(lo, s.t); hi = Math.max(hi, s.t1 !== undefined ? s.t1 : s.t); });
    c.phases.forEach(function (p) { lo = Math.min(lo, p.start); if (p.end !== null) { hi = Math.max(hi, p.end); } });
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi <= lo) { hi = lo + 0.001; }
    return [lo, hi];
  }

  // Keeps every plot of a connection on the time range the user chose on any of them.
  function syncX(plots, source) {
    return function (u, key) {
      if (key !== 'x' || u.syncing) { return; }
      var min = u.scales.x.min, max = u.scales.x.max;
      plots.forEach(function (p) {
        if (p !== u) {
          p.syncing = true;
          p.setScale('x', { min: min, max: max });
          p.syncing = false;
        }
      });
    };
  }

  // Wheel zooms the time axis around the pointer; shift+wheel pans it.
  function wheelZoom(u) {
    u.over.addEventListener('wheel', function (e) {
      e.preventDefault();
      var min = u.scales.x.min, max = u.scales.x.max, range = max - min;
      if (e.shiftKey) {
        var shift = range * 0.1 * Math.sign(e.deltaY || e.deltaX);
        u.setScale('x', { min: min + shift, max: max + shift });
        return;
      }
      var at = u.posToVal(e.offsetX, 'x');
      var f = e.deltaY < 0 ? 0.8 : 1.25;
      u.setScale('x', { min: at - (at - min) * f, max: at + (max - at) * f });
    }, { passive: false });
  }

  function plot(section, title, help, opts, plotData, plots) {
    var box = el('div', 'plot');
    box.appendChild(el('h3', null, title));
    if (help) { box.appendChild(el('p', 'help', help)); }
    section.appendChild(box);
    opts.width = plotWidth();
    opts.hooks = opts.hooks || {};
    opts.hooks.setScale = (opts.hooks.setScale || []).concat([syncX(plots)]);
    opts.hooks.ready = (opts.hooks.ready || []).concat([wheelZoom]);
    var u = new uPlot(opts, plotData, box);
    plots.push(u);
    return u;
  }

  function timeSequence(section, c, segs, span, plots) {
    var xs = [], acks = [], tops = [], bottoms = [];
    // The window's edge is drawn by hand so that it never sets the axis: with a large buffer it sits far above the data.
    var windowEdge = [];
    var inData = [], sacks = [], marks = [], zero = [], zeroFrom = null;
    segs.forEach(function (s) {
      var f = s.flags;
      if (s.dir === 'in') {
        if (s.len > 0) { inData.push(s); }
        if (f.indexOf('S') >= 0) { marks.push({ t: s.t, y: s.seq, text: 'SYN' }); }
        if (f.indexOf('F') >= 0) { marks.push({ t: s.t, y: s.seq + s.len, text: 'FIN' }); }
        if (f.indexOf('R') >= 0) { marks.push({ t: s.t, y: s.seq, text: 'RST' }); }
        if (s.len > 0) {
          xs.push(s.t); acks.push(null); tops.push(s.seq + s.len); bottoms.push(s.seq);
        }
        return;
      }
      if (f.indexOf('S') >= 0) { marks.push({ t: s.t, y: 0, text: 'SYN' }); }
      if (f.indexOf('F') >= 0) { marks.push({ t: s.t, y: s.ack, text: 'FIN' }); }
      if (f.indexOf('R') >= 0) { marks.push({ t: s.t, y: s.ack, text: 'RST' }); }
      if (f.indexOf('.') < 0 || f.indexOf('S') >= 0) { return; }
      if (s.n > 1) {
        xs.push(s.t); acks.push(s.ack0); tops.push(null); bottoms.push(null);
        windowEdge.push([s.t, s.ack0 + s.win]);
      }
      var t = s.n > 1 ? s.t1 : s.t;
      xs.push(t); acks.push(s.ack); tops.push(null); bottoms.push(null);
      windowEdge.push([t, s.ack + s.win]);
      s.sack.forEach(function (b) { sacks.push({ t: t, l: b[0], r: b[1], dsack: !!s.dsack }); });
      if (s.win === 0 && zeroFrom === null) { zeroFrom = t; }
      if (s.win > 0 && zeroFrom !== null) { zero.push([zeroFrom, t]); zeroFrom = null; }
    });
    if (zeroFrom !== null) { zero.push([zeroFrom, span[1]]); }
    if (!xs.length) { xs.push(span[0], span[1]); acks.push(0, 0); tops.push(null, null); bottoms.push(null, null); }
    windowEdge.sort(function (a, b) { return a[0] - b[0]; });
    var order = xs.map(function (_, i) { return i; }).sort(function (a, b) { return xs[a] - xs[b]; });
    function pick(arr) { return order.map(function (i) { return arr[i]; }); }
    var invisible = { stroke: 'transparent', width: 0, points: { show: false }, paths: function () { return null; } };
    var opts = {
      title: '',
      height: 520,
      scales: { x: { time: false } },
      cursor: { drag: { x: true, y: true, uni: 30 } },
      axes: [{ label: 'seconds since the run started' }, { label: 'sequence offset (bytes)', size: 90 }],
      legend: { live: true },
      series: [
        { label: 't (s)', value: function (u, v) { return v === null ? '' : v.toFixed(6); } },
        { label: 'ACK we sent', stroke: COLORS.ack, width: 1.5, spanGaps: true, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } },
        Object.assign({ label: 'data top' }, invisible),
        Object.assign({ label: 'data bottom' }, invisible)
      ],
      hooks: {
        drawClear: [function (u) { drawZero(u, zero); }],
        draw: [function (u) { drawEdge(u, windowEdge); drawTsg(u, inData, sacks, marks); }]
      }
    };
    var u = plot(section, 'Time-sequence graph (tcptrace)', 'The server\'s data as it reached us: each I-bar spans one '
      + 'segment\'s first to last byte. Red R: a retransmission (below data already seen); orange O: arrived out of '
      + 'order, beyond a hole; dark red D: a duplicate we already held. Green steps: the ACK we sent; gold: our '
      + 'window\'s right edge (ACK + window); purple ticks: SACK blocks we sent (dashed: D-SACK); pink bands: we '
      + 'advertised a zero window. Drag to zoom (both axes), double-click to reset, wheel to zoom time, '
      + 'shift+wheel to pan.', opts, [pick(xs), pick(acks), pick(tops), pick(bottoms)], plots);
    // The two invisible series only make the axes fit the data; they have nothing to say in the legend.
    var rows = u.root.querySelectorAll('.u-legend .u-series');
    for (var i = 2; i < rows.length; i++) { rows[i].style.display = 'none'; }
    return u;
  }

  function drawZero(u, zero) {
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = COLORS.zero;
    zero.forEach(function (z) {
      var a = u.valToPos(z[0], 'x', true), b = u.valToPos(z[1], 'x', true);
      ctx.fillRect(a, u.bbox.top, Math.max(2, b - a), u.bbox.height);
    });
    ctx.restore();
  }

  function drawEdge(u, edge) {
    if (!edge.length) { return; }
    var ctx = u.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    ctx.strokeStyle = COLORS.win;
    ctx.lineWidth = window.devicePixelRatio || 1;
    ctx.beginPath();
    var y = u.valToPos(edge[0][1], 'y', true);
    ctx.moveTo(u.valToPos(edge[0][0], 'x', true), y);
    for (var i = 1; i < edge.length; i++) {
      var x = u.valToPos(edge[i][0], 'x', true);
      ctx.lineTo(x, y);
      y = u.valToPos(edge[i][1], 'y', true);
      ctx.lineTo(x, y);
    }
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }

  function drawTsg(u, inData, sacks, marks) {
    var ctx = u.ctx, xmin = u.scales.x.min, xmax = u.scales.x.max, ymin = u.scales.y.min, ymax = u.scales.y.max;
    var dpr = window.devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    var visible = inData.filter(function (s) {
      var t1 = s.n > 1 ? s.t1 : s.t;
      return t1 >= xmin && s.t <= xmax && s.seq + s.len >= ymin && s.seq <= ymax;
    });
    var labels = visible.length < 400;
    ctx.lineWidth = dpr;
    ctx.font = (10 * dpr) + 'px sans-serif';
    visible.forEach(function (s) {
      var color = s.dup ? COLORS.dup : s.retx ? COLORS.retx : s.ooo ? COLORS.ooo : COLORS.data;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      var x = u.valToPos(s.t, 'x', true), y0 = u.valToPos(s.seq, 'y', true), y1 = u.valToPos(s.seq + s.len, 'y', true);
      ctx.beginPath();
      if (s.n > 1) {
        ctx.moveTo(x, y0);
        ctx.lineTo(u.valToPos(s.t1, 'x', true), y1);
      } else {
        var w = 2 * dpr;
        ctx.moveTo(x, y0); ctx.lineTo(x, y1);
        ctx.moveTo(x - w, y0); ctx.lineTo(x + w, y0);
        ctx.moveTo(x - w, y1); ctx.lineTo(x + w, y1);
      }
      ctx.stroke();
      if (labels && (s.retx || s.ooo || s.dup)) {
        ctx.fillText(s.dup ? 'D' : s.retx ? 'R' : 'O', x + 3 * dpr, y1 - 2 * dpr);
      }
    });
    sacks.forEach(function (b) {
      if (b.t < xmin || b.t > xmax) { return; }
      var x = u.valToPos(b.t, 'x', true) + 4 * dpr;
      ctx.strokeStyle = COLORS.sack;
      ctx.setLineDash(b.dsack ? [3 * dpr, 2 * dpr] : []);
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, u.valToPos(b.l, 'y', true));
      ctx.lineTo(x, u.valToPos(b.r, 'y', true));
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.syn;
    marks.forEach(function (m) {
      if (m.t < xmin || m.t > xmax) { return; }
      var x = u.valToPos(m.t, 'x', true), y = u.valToPos(m.y, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 3 * dpr, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillText(m.text, x + 4 * dpr, y - 4 * dpr);
    });
    ctx.restore();
  }

  function phases(section, c, span, tsg) {
    var box = el('div', 'phases');
    box.appendChild(el('h3', null, 'Phases'));
    box.appendChild(el('p', 'help', 'ARP: resolving the next hop; handshake: SYN until established; tls: established until TLS\'s handshake is complete; request: the first '
      + 'byte we sent after it until the first byte back; transfer: established until the '
      + 'response was complete; close: our FIN until done. Click a phase to zoom the graphs to it.'));
    var total = span[1] - span[0];
    c.phases.forEach(function (p) {
      var row = el('div', 'phase-row');
      row.appendChild(el('span', 'phase-name', p.name));
      var track = el('div', 'phase-track');
      var end = p.end === null ? span[1] : p.end;
      var bar = el('div', 'phase-bar phase-' + p.name);
      bar.style.left = (100 * (p.start - span[0]) / total) + '%';
      bar.style.width = Math.max(0.3, 100 * (end - p.start) / total) + '%';
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el('span', 'phase-time', ((end - p.start) * 1000).toFixed(3) + ' ms'
        + (p.end === null ? ' (unfinished)' : '')));
      row.addEventListener('click', function () { zoomTo(tsg, p.start, end); });
      box.appendChild(row);
    });
    section.appendChild(box);
  }

  function zoomTo(u, from, to, exact) {
    var pad = exact ? 0 : Math.max((to - from) * 0.05, 0.0005);
    u.setScale('x', { min: from - pad, max: to + pad });
    if (!exact) { u.root.scrollIntoView({ behavior: 'smooth', block: 'center' }); }
  }

  function bins(span) {
    var n = 200, width = Math.max((span[1] - span[0]) / n, 0.001);
    var xs = [];
    for (var i = 0; i * width < span[1] - span[0] + width; i++) { xs.push(span[0] + (i + 0.5) * width); }
    return { width: width, xs: xs };
  }

  function throughput(section, segs, span, plots) {
    var b = bins(span), wire = b.xs.map(function () { return 0; }), good = wire.slice();
    var highestAck = 0;
    segs.forEach(function (s) {
      var i = Math.min(wire.length - 1, Math.max(0, Math.floor((s.t - span[0]) / b.width)));
      if (s.dir === 'in') {
        wire[i] += s.len;
      } else if (s.ack > highestAck && s.flags.indexOf('.') >= 0) {
        if (highestAck > 0) { good[i] += s.ack - highestAck; }
        highestAck = s.ack;
      }
    });
    function mbit(v) { return v * 8 / b.width / 1e6; }
    plot(section, 'Throughput', 'Wire: payload bytes that arrived, retransmissions and duplicates included; goodput: '
      + 'how far our ACK advanced (new in-order bytes). Mbit/s per ' + (b.width * 1000).toFixed(1) + ' ms.', {
      height: 220, scales: { x: { time: false } },
      axes: [{}, { label: 'Mbit/s', size: 70 }],
      series: [{ label: 't (s)' }, { label: 'wire', stroke: COLORS.data, width: 1.5 },
        { label: 'goodput', stroke: COLORS.ack, width: 1.5 }]
    }, [b.xs, wire.map(mbit), good.map(mbit)], plots);
  }

  function rtt(section, c, span, plots) {
    var r = c.rtt;
    var xs = [span[0]].concat(r.map(function (s) { return s.t; })).concat([span[1]]);
    function col(name) { return [null].concat(r.map(function (s) { return s[name]; })).concat([null]); }
    plot(section, 'RTT samples, SRTT and RTO', r.length ? 'Our estimator (RFC 6298), fed by the ACKs of what we '
      + 'sent (the request) or by timestamps: each sample, the smoothed RTT and the retransmission timeout, in ms.'
      : 'No RTT sample was taken on this connection.', {
      height: 200, scales: { x: { time: false } },
      axes: [{}, { label: 'ms', size: 70 }],
      series: [{ label: 't (s)' },
        { label: 'sample', stroke: COLORS.data, paths: function () { return null; }, points: { show: true, size: 6, fill: COLORS.data } },
        { label: 'SRTT', stroke: COLORS.ack, width: 1.5, spanGaps: true },
        { label: 'RTO', stroke: COLORS.retx, width: 1, dash: [4, 4], spanGaps: true }]
    }, [xs, col('sample'), col('srtt'), col('rto')], plots);
  }

  function stackKnew(section, c, span, plots) {
    var k = c.stack;
    var xs = k.t.slice(), rate = [];
    for (var i = 0; i < xs.length; i++) {
      var j = Math.max(0, i - 1), dt = xs[i] - xs[j];
      rate.push(dt > 0 ? (k.read[i] - k.read[j]) / dt / 1048576 : null);
    }
    if (!xs.length) { xs = [span[0], span[1]]; }
    function kib(arr) { return arr.length ? arr.map(function (v) { return v / 1024; }) : [null, null]; }
    plot(section, 'What the stack knew', 'After each segment: bytes waiting for the application in the receive buffer, '
      + 'bytes held beyond a hole (the out-of-order queue), the window we advertised (KiB, left axis), and how fast '
      + 'the application read (MiB/s, right axis).', {
      height: 240, scales: { x: { time: false }, rate: {} },
      axes: [{}, { label: 'KiB', size: 70 }, { scale: 'rate', side: 1, label: 'MiB/s', size: 60, grid: { show: false } }],
      series: [{ label: 't (s)' },
        { label: 'receive buffer', stroke: COLORS.data, width: 1.5 },
        { label: 'out of order', stroke: COLORS.ooo, width: 1.5, fill: 'rgba(224,123,0,0.15)' },
        { label: 'advertised window', stroke: COLORS.win, width: 1.5 },
        { label: 'application read rate', scale: 'rate', stroke: COLORS.sack, width: 1 }]
    }, [xs, kib(k.buffered), kib(k.ooo), kib(k.window), rate.length ? rate : [null, null]], plots);
  }

  function table(section, title, help, headers, rows, onClick) {
    var box = el('div', 'table-box');
    box.appendChild(el('h3', null, title));
    if (help) { box.appendChild(el('p', 'help', help)); }
    if (!rows.length) {
      box.appendChild(el('p', 'note', 'None.'));
      section.appendChild(box);
      return;
    }
    var t = el('table'), head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr', 'clickable');
      r.cells.forEach(function (v, i) {
        var td = el('td', null, v);
        if (i === 1 && r.color) { td.style.color = r.color; td.style.fontWeight = 'bold'; }
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () { onClick(r); });
      t.appendChild(tr);
    });
    box.appendChild(t);
    section.appendChild(box);
  }

  function decisions(section, c, tsg, around) {
    table(section, 'Our window decisions', 'Our window is the free room of the receive buffer, but its right edge only '
      + 'moves right in steps of at least min(buffer/2, MSS): between steps arriving data shrinks the window. Each '
      + 'row is a change of decision.', ['t (s)', 'decision', 'why'],
      c.windowDecisions.map(function (d) { return { t: d.t, cells: [d.t.toFixed(6), d.decision, d.why] }; }),
      function (r) { zoomTo(tsg, r.t - around, r.t + around); });
  }

  function events(section, c, tsg, around) {
    table(section, 'Notable events', 'Click a row to zoom the graphs to its moment.', ['t (s)', 'kind', 'what happened'],
      c.events.map(function (e) {
        return { t: e.t, seq: e.seq, color: KIND_COLORS[e.kind], cells: [e.t.toFixed(6), e.kind, e.text] };
      }),
      function (r) { zoomTo(tsg, r.t - around, r.t + around); });
  }
})();
