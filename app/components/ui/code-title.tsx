/** A competency, syllabus module or rubric criterion named by its code, in the monospaced face, then its title. */
export function CodeTitle({ item }: { item: { code: string; title: string } }) {
  return (
    <>
      <code>{item.code}</code> {item.title}
    </>
  );
}
