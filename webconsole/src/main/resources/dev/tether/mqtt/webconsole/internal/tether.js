/*
 * Tether MQTT status page: draws each connection's chart (an inline SVG) and timeline from the page's JSON and
 * polls it every 5 s, the interval of Tether's samples. Plain DOM, no library; the markup of the timeline is the
 * one StatusPage renders. Text comes in as textContent only, never as HTML.
 */
(function () {
	'use strict';

	const POLL_MS = 5000;
	const WINDOW_MS = 15 * 60 * 1000;
	const MIN_SPAN_MS = 5 * 60 * 1000;
	const MINUTE_MS = 60 * 1000;
	const SAMPLE_MS = 5000;
	const SVG = 'http://www.w3.org/2000/svg';
	const HEIGHT = 210;
	const MARGIN = { top: 24, right: 46, bottom: 22, left: 46 };
	const GOOD = { CONNECTED: true };
	const NEUTRAL = { DISCONNECTED: true };

	const jsonLink = document.querySelector('a.tether-json');
	const liveStatus = document.querySelector('.tether-live-status');
	if (!jsonLink) {
		return;
	}
	const latest = new Map();
	let resizeTimer;

	function byConnection(selector, name) {
		return Array.from(document.querySelectorAll(selector)).find(element => element.dataset.connection === name);
	}

	function element(name, attributes, parent, svg) {
		const created = svg ? document.createElementNS(SVG, name) : document.createElement(name);
		Object.entries(attributes || {}).forEach(([key, value]) => created.setAttribute(key, value));
		if (parent) {
			parent.appendChild(created);
		}
		return created;
	}

	function svgElement(name, attributes, parent) {
		return element(name, attributes, parent, true);
	}

	/** "2026-01-01T10:00:00.123Z" to "2026-01-01T10:00:00Z", as the page shows every time. */
	function seconds(iso) {
		return iso.replace(/\.\d+Z$/, 'Z');
	}

	function number(value) {
		return String(Number(value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)));
	}

	/** A step of 1, 2, 2.5 or 5 times a power of ten (no 2.5 for counts) giving at most 4 intervals up to max. */
	function step(max, counts) {
		const raw = Math.max(max, counts ? 4 : 1) / 4;
		const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		const factors = counts ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
		const chosen = factors.map(factor => factor * magnitude).find(candidate => candidate >= raw * 0.999);
		return counts ? Math.max(1, Math.round(chosen)) : chosen;
	}

	function poll() {
		if (document.hidden) {
			setTimeout(poll, POLL_MS);
			return;
		}
		// not fetch(): it refuses URLs with a login in them, and a page opened with user:pass@ in its address resolves
		// its relative URLs to such URLs; XMLHttpRequest takes them, and the console's own pages use it too
		const request = new XMLHttpRequest();
		request.open('GET', jsonLink.getAttribute('href'));
		request.responseType = 'json';
		request.timeout = 10000;
		request.onload = () => {
			if (request.status !== 200) {
				say('live update failed: HTTP ' + request.status + ', retrying', true);
			} else if (!Array.isArray(request.response)) {
				say('live update failed: ' + jsonLink.getAttribute('href') + ' is not a JSON array, retrying', true);
			} else {
				update(request.response);
				say('charts and events updated ' + seconds(new Date().toISOString()) + ', every 5 s', false);
			}
			setTimeout(poll, POLL_MS);
		};
		request.onerror = request.ontimeout = () => {
			say('live update failed: no answer, retrying', true);
			setTimeout(poll, POLL_MS);
		};
		request.send();
	}

	function say(text, failure) {
		if (liveStatus) {
			liveStatus.textContent = text;
			liveStatus.classList.toggle('tether-live-failed', failure);
		}
	}

	function update(connections) {
		connections.filter(connection => !connection.error).forEach(connection => {
			latest.set(connection.connection, connection);
			const chart = byConnection('div.tether-chart', connection.connection);
			if (chart && Array.isArray(connection.history)) {
				draw(chart, connection);
			}
			const timeline = byConnection('table.tether-events', connection.connection);
			if (timeline && Array.isArray(connection.events)) {
				events(timeline.tBodies[0], connection.events);
			}
		});
	}

	function events(body, list) {
		const key = JSON.stringify(list.length ? list[list.length - 1] : null) + list.length;
		if (body.dataset.key === key) {
			return;
		}
		body.dataset.key = key;
		const rows = document.createDocumentFragment();
		if (list.length === 0) {
			element('td', { colspan: 3 }, element('tr', { class: 'tether-empty' }, rows)).textContent = 'no events yet';
		}
		list.slice().reverse().forEach(event => {
			const row = element('tr', { class: 'tether-event', 'data-type': event.type }, rows);
			element('td', { class: 'time' }, row).textContent = seconds(event.time);
			const type = element('td', { class: 'type' }, row);
			element('span', { class: 'tether-event-type tether-event-' + event.type.toLowerCase() + ' ui-corner-all' },
				type).textContent = event.type;
			if (event.count > 1) {
				type.appendChild(document.createTextNode(' '));
				element('span', { class: 'count' }, type).textContent = '\u00d7' + event.count;
			}
			element('td', { class: 'detail' }, row).textContent = event.detail;
		});
		body.replaceChildren(rows);
	}

	function draw(chart, connection) {
		const samples = connection.history.map(sample => ({
			t: Date.parse(sample.time), time: sample.time,
			in: sample.in_per_second || 0, out: sample.out_per_second || 0, queued: sample.queued || 0
		}));
		chart.dataset.samples = samples.length;
		if (samples.length === 0) {
			const waiting = element('p', { class: 'tether-chart-empty' });
			waiting.textContent = 'Waiting for the first samples (one every 5 s)\u2026';
			chart.replaceChildren(waiting);
			return;
		}
		const width = Math.max(320, chart.clientWidth);
		const plotWidth = width - MARGIN.left - MARGIN.right;
		const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
		const end = samples[samples.length - 1].t;
		// the last 15 minutes, or since the first sample when there is less, but never under 5 minutes
		const span = Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, end - samples[0].t));
		const start = end - span;
		const peak = key => Math.max(...samples.map(sample => sample[key]));
		const ratePeak = Math.max(peak('in'), peak('out'));
		const rateStep = step(ratePeak, false);
		// idle: four empty intervals up to 1 msg/s; otherwise as many as the peak needs, two at least
		const intervals = ratePeak > 0 ? Math.max(2, Math.ceil(ratePeak / rateStep - 1e-9)) : 4;
		const queueStep = step(peak('queued') * 4 / intervals, true);
		const rateTop = rateStep * intervals;
		const queueTop = queueStep * intervals;
		const x = t => MARGIN.left + (t - start) / span * plotWidth;
		const y = (value, top) => MARGIN.top + plotHeight - value / top * plotHeight;
		const baseline = MARGIN.top + plotHeight;

		const svg = svgElement('svg', {
			class: 'tether-chart-svg', width: width, height: HEIGHT, viewBox: '0 0 ' + width + ' ' + HEIGHT, role: 'img',
			'aria-label': 'Messages per second in (peak ' + number(peak('in')) + ') and out (peak '
				+ number(peak('out')) + '), queue depth (peak ' + peak('queued') + '), ' + samples.length
				+ ' samples to ' + seconds(samples[samples.length - 1].time)
		});
		for (let i = 0; i <= intervals; i++) {
			const at = y(i * rateStep, rateTop);
			svgElement('line', { class: 'tether-grid', x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: at, y2: at }, svg);
			svgElement('text', { class: 'tether-axis-in', x: MARGIN.left - 6, y: at + 4, 'text-anchor': 'end' }, svg)
				.textContent = number(i * rateStep);
			svgElement('text', { class: 'tether-axis-queued', x: MARGIN.left + plotWidth + 6, y: at + 4 }, svg)
				.textContent = String(i * queueStep);
		}
		const tick = [1, 2, 5, 10].map(minutes => minutes * MINUTE_MS).find(candidate => span / candidate <= 6);
		const ticks = [];
		for (let t = Math.ceil(start / tick) * tick; t <= end; t += tick) {
			ticks.push(t);
		}
		ticks.forEach((t, i) => {
			svgElement('line', { class: 'tether-grid', x1: x(t), x2: x(t), y1: MARGIN.top, y2: baseline }, svg);
			svgElement('text', { x: x(t), y: HEIGHT - 6, 'text-anchor': 'middle' }, svg).textContent =
				new Date(t).toISOString().substring(11, 16) + (i === ticks.length - 1 ? ' UTC' : '');
		});
		svgElement('text', { class: 'tether-axis-in', x: MARGIN.left - 6, y: 12, 'text-anchor': 'end' }, svg)
			.textContent = 'msg/s';
		svgElement('text', { class: 'tether-axis-queued', x: MARGIN.left + plotWidth + 6, y: 12 }, svg)
			.textContent = 'queued';

		svgElement('path', { class: 'tether-series-queued', d: path(samples, x, s => y(s.queued, queueTop), baseline) },
			svg);
		svgElement('path', { class: 'tether-series-in', d: path(samples, x, s => y(s.in, rateTop)) }, svg);
		svgElement('path', { class: 'tether-series-out', d: path(samples, x, s => y(s.out, rateTop)) }, svg);
		marks(svg, connection.events || [], start, end, x, baseline);
		svgElement('line', { class: 'tether-axis', x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: baseline,
			y2: baseline }, svg);

		const legend = element('div', { class: 'tether-legend' });
		const show = sample => {
			legend.replaceChildren();
			[['in', 'in', sample.in, ' msg/s'], ['out', 'out', sample.out, ' msg/s'],
				['queued', 'queued', sample.queued, '']].forEach(([key, label, value, unit]) => {
				const item = element('span', { class: 'tether-legend-item' }, legend);
				element('span', { class: 'tether-key tether-key-' + key }, item);
				item.appendChild(document.createTextNode(label + ' '));
				element('b', { class: 'tether-value-' + key }, item).textContent = number(value);
				item.appendChild(document.createTextNode(unit));
			});
			element('span', { class: 'tether-legend-time' }, legend).textContent = 'at ' + seconds(sample.time);
		};
		const last = samples[samples.length - 1];
		show(last);
		hover(svg, samples, x, baseline, show, last);
		chart.replaceChildren(legend, svg);
	}

	/** A line through the samples, or the area under it with a baseline; broken where samples are missing. */
	function path(samples, x, y, baseline) {
		const segments = [];
		let segment = [];
		samples.forEach((sample, i) => {
			if (i > 0 && sample.t - samples[i - 1].t > 2.5 * SAMPLE_MS) {
				segments.push(segment);
				segment = [];
			}
			segment.push([x(sample.t).toFixed(1), y(sample).toFixed(1)]);
		});
		segments.push(segment);
		return segments.map(points => {
			const line = points.map((point, i) => (i === 0 ? 'M' : 'L') + point[0] + ' ' + point[1]).join(' ');
			return baseline === undefined ? line
				: 'M' + points[0][0] + ' ' + baseline + ' ' + line.replace(/^M/, 'L') + ' L'
					+ points[points.length - 1][0] + ' ' + baseline + ' Z';
		}).join(' ');
	}

	/** A dashed line per connection event in the window, so a drop in traffic shows its cause. */
	function marks(svg, list, start, end, x, baseline) {
		list.forEach(event => {
			const t = Date.parse(event.time);
			if (t < start || t > end + SAMPLE_MS) {
				return;
			}
			const kind = GOOD[event.type] ? 'good' : NEUTRAL[event.type] ? 'neutral' : 'bad';
			const at = Math.min(x(t), x(end));
			const mark = svgElement('line', { class: 'tether-mark tether-mark-' + kind, x1: at, x2: at, y1: MARGIN.top,
				y2: baseline }, svg);
			svgElement('title', {}, mark).textContent = seconds(event.time) + ' ' + event.type
				+ (event.count > 1 ? ' \u00d7' + event.count : '') + ': ' + event.detail;
		});
	}

	/** Moving over the chart shows the values of the nearest sample; leaving it, the latest again. */
	function hover(svg, samples, x, baseline, show, last) {
		const cursor = svgElement('line', { class: 'tether-cursor', x1: 0, x2: 0, y1: MARGIN.top, y2: baseline,
			visibility: 'hidden' }, svg);
		svg.addEventListener('mousemove', moved => {
			const box = svg.getBoundingClientRect();
			const pointer = (moved.clientX - box.left) * (svg.viewBox.baseVal.width / box.width);
			let nearest = samples[0];
			samples.forEach(sample => {
				if (Math.abs(x(sample.t) - pointer) < Math.abs(x(nearest.t) - pointer)) {
					nearest = sample;
				}
			});
			cursor.setAttribute('x1', x(nearest.t));
			cursor.setAttribute('x2', x(nearest.t));
			cursor.setAttribute('visibility', 'visible');
			show(nearest);
		});
		svg.addEventListener('mouseleave', () => {
			cursor.setAttribute('visibility', 'hidden');
			show(last);
		});
	}

	window.addEventListener('resize', () => {
		clearTimeout(resizeTimer);
		resizeTimer = setTimeout(() => update(Array.from(latest.values())), 150);
	});
	say('charts and events loading\u2026', false);
	poll();
}());
