import { Form } from "@remix-run/react";
import { Options } from "~/components/form";

/** The status filter over a staff list: a plain GET form, so the filtered list has its own address. */
export function StatusFilter({ value, options }: { value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <Form method="get" className="inline-form">
      <label htmlFor="status">Show</label>
      <select id="status" name="status" defaultValue={value}>
        <Options choices={options} />
      </select>
      <button type="submit">Filter</button>
    </Form>
  );
}
