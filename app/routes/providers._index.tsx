export default function Providers() {
  return (
    <div className="page">
      <h1>Accredited providers</h1>
    </div>
  );
}
