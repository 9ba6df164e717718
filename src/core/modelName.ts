/**
 * What r1-tui accepts as a model name from the user (--model, --models, the config's "model"): a
 * letter or digit, then letters, digits and . _ - / : ("deepseek-r1:32b", "hf.co/org/model:Q8_0").
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/;

export function isModelName(name: string): boolean {
  return MODEL_NAME_PATTERN.test(name);
}
