import { Form } from "@remix-run/react";
import { SelectFilter } from "~/components/form";

/** The status filter over a staff list: a plain GET form, so the filtered list has its own address. */
export function StatusFilter({ value, options }: { value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <Form method="get" className="inline-form">
      <SelectFilter id="status" name="status" label="Show" value={value} choices={options} />
      <button type="submit">Filter</button>
    </Form>
  );
}
