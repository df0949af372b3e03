import { Form } from "@remix-run/react";
import { SelectFilter } from "~/components/form";

/** The status a staff list shows, for its loader: `?status=` when it names one of `filters`, else the first of them. */
export function chosenStatus<F extends string>(request: Request, filters: readonly [F, ...F[]]): F {
  const requested = new URL(request.url).searchParams.get("status");
  return filters.find((f) => f === requested) ?? filters[0];
}

/** The status filter over a staff list: a plain GET form, so the filtered list has its own address. */
export function StatusFilter<F extends string>({ value, filters, labels }: { value: F; filters: readonly F[]; labels: Record<F, string> }) {
  return (
    <Form method="get" className="inline-form">
      <SelectFilter id="status" name="status" label="Show" value={value} choices={filters.map((f) => [f, labels[f]] as const)} />
      <button type="submit">Filter</button>
    </Form>
  );
}
