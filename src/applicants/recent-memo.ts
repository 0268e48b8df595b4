// Answers of a pure function kept for the last few questions: one request asks the same one several times (its legal
// name is compared with each name on the application; its phone is read by the contract and by the screening).

/** `remember(key, compute)`: compute's answer, or the one given for the same key among the last `size` keys. */
export function recentMemo<T>(size: number): (key: string, compute: () => T) => T {
  const answers = new Map<string, T>();
  return (key, compute) => {
    if (answers.has(key)) return answers.get(key)!;
    const answer = compute();
    if (answers.size >= size) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    return answer;
  };
}
