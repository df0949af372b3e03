/** A small horizontal bar chart drawn as SVG on the server: no chart library, no JavaScript. */
export function BarChart({ title, rows }: { title: string; rows: { label: string; values: Record<string, number> }[] }) {
  const series = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const max = Math.max(1, ...rows.flatMap((r) => Object.values(r.values)));
  const colours = ["#1f7a3a", "#b3261e", "#a15c00", "#5f6368"];
  const barHeight = 14;
  const rowHeight = series.length * barHeight + 10;
  const height = rows.length * rowHeight + 10;
  return (
    <svg role="img" aria-label={`${title}: chart; the table below has the same figures`} viewBox={`0 0 480 ${height}`} width="100%" style={{ maxWidth: 480 }}>
      {rows.map((r, i) =>
        series.map((s, j) => {
          const value = r.values[s] ?? 0;
          const y = 5 + i * rowHeight + j * barHeight;
          return (
            <g key={`${r.label}-${s}`}>
              {j === 0 ? (
                <text x={0} y={y + 11} fontSize={11} fill="#202124">
                  {r.label}
                </text>
              ) : null}
              <rect x={130} y={y} width={Math.max(1, (value / max) * 300)} height={barHeight - 3} fill={colours[j % colours.length]} />
              <text x={135 + (value / max) * 300} y={y + 10} fontSize={10} fill="#202124">
                {s} {value}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
