import type { MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";

export const meta: MetaFunction = () => [
  { title: "Rust Training Accreditation — find an accredited training provider" },
  { name: "description", content: "Find Rust training providers accredited by the foundation, and verify their certificates." },
];

export default function Home() {
  return (
    <>
      <section className="hero">
        <div className="page">
          <h1>Rust training you can trust</h1>
          <p className="lede">
            The foundation accredits training companies whose Rust courses cover its competency framework, taught by
            qualified trainers and reviewed by independent experts.
          </p>
          <Form method="get" action="/providers" className="search-box" role="search">
            <label htmlFor="home-q" className="visually-hidden">
              Search accredited providers
            </label>
            <input id="home-q" type="search" name="q" placeholder="Course, topic or provider, e.g. async" />
            <button type="submit" className="button">
              Search
            </button>
          </Form>
        </div>
      </section>
    </>
  );
}
