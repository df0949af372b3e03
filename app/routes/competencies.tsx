export default function Competencies() {
  return (
    <div className="page">
      <h1>Competency framework</h1>
    </div>
  );
}
