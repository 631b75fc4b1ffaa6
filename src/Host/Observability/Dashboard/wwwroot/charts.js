// Hand-drawn SVG line charts: no charting library, nothing fetched at run time.
const SVG = 'http://www.w3.org/2000/svg';

export function drawLine(svg, values) {
  svg.replaceChildren();
  if (values.length < 2) {
    return;
  }
  const max = Math.max(...values, 1e-9);
  const step = 600 / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(118 - (v / max) * 116).toFixed(1)}`).join(' ');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
}
