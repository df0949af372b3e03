import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { DataTable } from "~/components/ui/list-table";

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
