// One provider's chart of the last minutes: in flight, queued, the limit in force, 429s and pauses,
// over a clock axis. Points are [t, inFlight, queued, effectiveLimit, rateLimited, paused], oldest first.
// Exposes window.TurnstileChart = {draw, scaleTop, legend}. No library, plain canvas.
(function () {
  'use strict';

  const COLOURS = {
    flight: '#2f6fdb', flightFill: 'rgba(47, 111, 219, .12)', queue: '#e8871e', limit: '#344054',
    rateLimited: '#c0262d', paused: 'rgba(247, 144, 9, .16)', grid: '#e4e7ec', text: '#667085'
  };
  const MARGIN = {left: 30, right: 8, top: 14, bottom: 20};
  const RECENT_MILLIS = 30 * 1000;
  const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300].map((s) => s * 1000);
  const [T, FLIGHT, QUEUE, LIMIT, RATE_LIMITED, PAUSED] = [0, 1, 2, 3, 4, 5];

  // The top of the value axis: the limit in force, the 95th percentile of the window and everything of
  // the last 30 seconds fit, with a quarter of headroom. An old spike above it is clipped and named
  // (see draw), so that one burst does not flatten the rest of the chart.
  function scaleTop(points, now) {
    const values = [];
    let base = 1;
    for (const p of points) {
      values.push(p[FLIGHT], p[QUEUE]);
      base = Math.max(base, p[LIMIT]);
      if (now - p[T] <= RECENT_MILLIS) {
        base = Math.max(base, p[FLIGHT], p[QUEUE]);
      }
    }
    values.sort((a, b) => a - b);
    if (values.length) {
      base = Math.max(base, values[Math.floor(0.95 * (values.length - 1))]);
    }
    return niceCeiling(base * 1.25);
  }

  // The next whole number on a 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k ladder (every whole number up to 5).
  function niceCeiling(value) {
    if (value <= 5) {
      return Math.max(1, Math.ceil(value));
    }
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
      if (step * power >= value) {
        return Math.ceil(step * power);
      }
    }
    return Math.ceil(value);
  }

  function clock(t, withSeconds) {
    const d = new Date(t);
    const two = (n) => String(n).padStart(2, '0');
    return two(d.getHours()) + ':' + two(d.getMinutes()) + (withSeconds ? ':' + two(d.getSeconds()) : '');
  }

  // Sizes the canvas to its box at the screen's pixel density; returns the CSS size, or null when hidden.
  function fit(canvas) {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) {
      return null;
    }
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    return {g: g, width: width, height: height};
  }

  function draw(canvas, points, now, spanMillis) {
    const box = fit(canvas);
    if (!box) {
      return;
    }
    const g = box.g;
    g.clearRect(0, 0, box.width, box.height);
    const plot = {
      left: MARGIN.left, top: MARGIN.top,
      width: box.width - MARGIN.left - MARGIN.right, height: box.height - MARGIN.top - MARGIN.bottom
    };
    const top = scaleTop(points, now);
    const x = (t) => plot.left + plot.width - ((now - t) / spanMillis) * plot.width;
    const y = (v) => plot.top + plot.height - (Math.min(v, top) / top) * plot.height;
    const visible = points.filter((p) => now - p[T] <= spanMillis);

    g.font = '11px system-ui, sans-serif';
    pauses(g, visible, now, x, plot);
    valueAxis(g, top, y, plot);
    timeAxis(g, now, spanMillis, x, plot);
    if (!visible.length) {
      return;
    }
    area(g, visible, x, y, plot);
    line(g, visible, QUEUE, x, y, COLOURS.queue);
    line(g, visible, FLIGHT, x, y, COLOURS.flight);
    if (visible.some((p) => p[LIMIT] > 0)) { // last: in flight at the limit must not hide it
      steps(g, visible, now, LIMIT, x, y, COLOURS.limit, [5, 4]);
    }
    rateLimits(g, visible, x, plot);
    clipped(g, visible, top, plot);
  }

  function pauses(g, points, now, x, plot) {
    g.fillStyle = COLOURS.paused;
    points.forEach((p, i) => {
      if (p[PAUSED]) {
        const end = i + 1 < points.length ? points[i + 1][T] : now;
        const left = Math.max(plot.left, x(p[T]));
        g.fillRect(left, plot.top, Math.max(1, x(end) - left), plot.height);
      }
    });
  }

  function valueAxis(g, top, y, plot) {
    g.strokeStyle = COLOURS.grid;
    g.fillStyle = COLOURS.text;
    g.lineWidth = 1;
    g.setLineDash([]);
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    const ticks = top % 2 === 0 ? [0, top / 2, top] : [0, top];
    for (const v of ticks) {
      const at = Math.round(y(v)) + 0.5;
      g.beginPath();
      g.moveTo(plot.left, at);
      g.lineTo(plot.left + plot.width, at);
      g.stroke();
      g.fillText(String(v), plot.left - 5, at);
    }
  }

  function timeAxis(g, now, span, x, plot) {
    const step = TICK_STEPS.find((s) => (span / s) * 64 <= plot.width) || TICK_STEPS[TICK_STEPS.length - 1];
    g.strokeStyle = COLOURS.grid;
    g.fillStyle = COLOURS.text;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const bottom = plot.top + plot.height;
    for (let t = Math.floor(now / step) * step; t >= now - span; t -= step) {
      const at = Math.round(x(t)) + 0.5;
      g.beginPath();
      g.moveTo(at, plot.top);
      g.lineTo(at, bottom + 3);
      g.stroke();
      const label = clock(t, step < 60000);
      const half = g.measureText(label).width / 2;
      if (at - half >= 0 && at + half <= plot.left + plot.width + MARGIN.right) {
        g.fillText(label, at, bottom + 5);
      }
    }
  }

  function line(g, points, index, x, y, colour) {
    g.beginPath();
    g.strokeStyle = colour;
    g.lineWidth = 1.6;
    g.setLineDash([]);
    points.forEach((p, i) => (i === 0 ? g.moveTo(x(p[T]), y(p[index])) : g.lineTo(x(p[T]), y(p[index]))));
    g.stroke();
  }

  // The limit holds until it changes: a step line, not a slope between samples.
  function steps(g, points, now, index, x, y, colour, dash) {
    g.beginPath();
    g.strokeStyle = colour;
    g.lineWidth = 1.4;
    g.setLineDash(dash);
    points.forEach((p, i) => {
      const end = i + 1 < points.length ? points[i + 1][T] : now;
      if (p[index] > 0) {
        g.moveTo(x(p[T]), y(p[index]));
        g.lineTo(x(end), y(p[index]));
      }
    });
    g.stroke();
    g.setLineDash([]);
  }

  function area(g, points, x, y, plot) {
    const bottom = plot.top + plot.height;
    g.beginPath();
    g.moveTo(x(points[0][T]), bottom);
    points.forEach((p) => g.lineTo(x(p[T]), y(p[FLIGHT])));
    g.lineTo(x(points[points.length - 1][T]), bottom);
    g.closePath();
    g.fillStyle = COLOURS.flightFill;
    g.fill();
  }

  // A red tick from the top for every sample in which the 429 counter grew (a reset makes it drop: no mark).
  function rateLimits(g, points, x, plot) {
    g.strokeStyle = COLOURS.rateLimited;
    g.fillStyle = COLOURS.rateLimited;
    g.lineWidth = 2;
    g.textAlign = 'left';
    g.textBaseline = 'bottom';
    for (let i = 1; i < points.length; i++) {
      const more = points[i][RATE_LIMITED] - points[i - 1][RATE_LIMITED];
      if (more > 0) {
        const at = x(points[i][T]);
        g.beginPath();
        g.moveTo(at, plot.top);
        g.lineTo(at, plot.top + 9);
        g.stroke();
        if (more > 1) {
          g.fillText('×' + more, at + 2, plot.top - 1);
        }
      }
    }
  }

  // Values above the scale are drawn at its top; say how high they went.
  function clipped(g, points, top, plot) {
    let peak = 0;
    for (const p of points) {
      peak = Math.max(peak, p[FLIGHT], p[QUEUE]);
    }
    if (peak > top) {
      g.fillStyle = COLOURS.text;
      g.textAlign = 'right';
      g.textBaseline = 'bottom';
      g.fillText('peak ' + peak + ' (clipped)', plot.left + plot.width, plot.top - 1);
    }
  }

  // The legend under a chart: plain HTML so it reads and scales like the page's text.
  function legend() {
    const list = document.createElement('ul');
    list.className = 'legend';
    for (const [kind, text] of [['flight', 'in flight'], ['queue', 'queued'], ['limit', 'limit in force'],
      ['rate-limited', '429 (rate limited)'], ['paused', 'paused']]) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch ' + kind;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(text));
      list.appendChild(item);
    }
    return list;
  }

  window.TurnstileChart = {draw: draw, scaleTop: scaleTop, legend: legend};
})();
