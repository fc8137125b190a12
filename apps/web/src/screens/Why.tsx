/** Why the extractor read a report so: its evidence in plain words, one line each (nothing when it has none). */
export function Why({ explanation }: { explanation: readonly string[] | undefined }) {
  if (!explanation?.length) return null;
  return (
    <details class="why">
      <summary>Why this reading</summary>
      <ul>
        {explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
