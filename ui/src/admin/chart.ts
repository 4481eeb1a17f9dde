// The dashboard's bar chart, with Chart.js. Loaded on demand (dynamic import) so the kiosk's
// start-up does not parse the charting library. Chart.js draws on a canvas and sets the
// canvas size through the CSSOM, which the strict CSP allows (no style tags, no inline
// styles in markup, no eval).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChart {
  update(labels: string[], values: number[]): void;
  destroy(): void;
}

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/** Draws a bar chart into the canvas, or returns null where there is no 2D canvas (unit tests). */
export function barChart(canvas: HTMLCanvasElement, label: string, labels: string[], values: number[]): BarChart | null {
  try {
    if (canvas.getContext("2d") === null) return null;
  } catch {
    return null;
  }
  const muted = cssColor("--color-text-muted", "#5b6876");
  const chart = new Chart(canvas, {
    type: "bar",
    data: { labels, datasets: [{ label, data: values, backgroundColor: cssColor("--color-brand", "#0f4c81"), borderRadius: 3, maxBarThickness: 36 }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { tooltip: { enabled: true } },
      scales: {
        x: { grid: { display: false }, ticks: { color: muted } },
        y: { beginAtZero: true, ticks: { precision: 0, color: muted } },
      },
    },
  });
  return {
    update(nextLabels, nextValues) {
      chart.data.labels = nextLabels;
      const dataset = chart.data.datasets[0];
      if (dataset !== undefined) dataset.data = nextValues;
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
