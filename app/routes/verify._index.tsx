export default function Verify() {
  return (
    <div className="page narrow">
      <h1>Verify a certificate</h1>
    </div>
  );
}
