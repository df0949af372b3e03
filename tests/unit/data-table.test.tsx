import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { expect, test } from "vitest";
import { certificateColumn, DataTable, ListTable } from "~/components/ui/list-table";

const rows = (
  <tr>
    <th scope="row">Rust 101</th>
    <td>Foundation</td>
  </tr>
);

test("a table frame: focusable wrapper, a caption for screen readers, one heading row of column headers, the rows", () => {
  const html = renderToStaticMarkup(
    <DataTable caption="Courses" headings={["Course", "Level", false, null, { hidden: "Remove" }]}>
      {rows}
    </DataTable>,
  );
  expect(html).toBe(
    '<div class="table-wrap" tabindex="0"><table><caption class="visually-hidden">Courses</caption><thead><tr>' +
      '<th scope="col">Course</th><th scope="col">Level</th><th scope="col"><span class="visually-hidden">Remove</span></th>' +
      '</tr></thead><tbody><tr><th scope="row">Rust 101</th><td>Foundation</td></tr></tbody></table></div>',
  );
});

test("a shown caption, a named region, and a bare table without caption or wrapper", () => {
  const region = renderToStaticMarkup(
    <DataTable caption="Scope" showCaption region="Scope" wrapClassName="cards" headings={["Course"]}>
      {null}
    </DataTable>,
  );
  expect(region).toBe('<div class="table-wrap cards" tabindex="0" role="region" aria-label="Scope"><table><caption>Scope</caption><thead><tr><th scope="col">Course</th></tr></thead><tbody></tbody></table></div>');
  const bare = renderToStaticMarkup(
    <DataTable bare className="bar-chart" headings={["Status"]}>
      {null}
    </DataTable>,
  );
  expect(bare).toBe('<table class="bar-chart"><thead><tr><th scope="col">Status</th></tr></thead><tbody></tbody></table>');
});

test("a ListTable of rows with an id keys them by it; the certificate column is monospaced", () => {
  const rows = [
    { id: "a", organisationName: "Ferris Academy", certificateNumber: "ACC-2025-0001" },
    { id: "b", organisationName: "Oxide Training", certificateNumber: "ACC-2025-0002" },
  ];
  const props = { caption: "Accreditations", rows, empty: "None.", columns: [{ header: "Name", cell: (r: (typeof rows)[number]) => r.organisationName }, certificateColumn()] };
  const table = ListTable(props) as ReactElement<{ children: ReactElement[] }>;
  expect(table.props.children.map((tr) => tr.key)).toEqual(["a", "b"]);
  const html = renderToStaticMarkup(<ListTable {...props} />);
  expect(html).toContain('<tr><th scope="row">Ferris Academy</th><td data-label="Certificate" class="mono">ACC-2025-0001</td></tr>');
  expect(html).toContain('<tr><th scope="row">Oxide Training</th><td data-label="Certificate" class="mono">ACC-2025-0002</td></tr>');
  expect(renderToStaticMarkup(<ListTable {...props} rows={[]} />)).toBe('<p class="empty-state">None.</p>');
});
