/**
 * Texts of the synthetic scripts (written for this project). Reasoning ends with "\n" like
 * R1's does before `</think>`. Chinese text is pre-cut with `¦` into word-sized pieces.
 */
export interface ScriptText {
  id: string;
  /** Lower-case words in the user's last message that select this script. */
  keywords: string[];
  thinking: string;
  answer: string;
}

export const ENGLISH_SCRIPTS: ScriptText[] = [
  {
    id: 'distillation',
    keywords: ['distill', 'distillation', 'student', 'teacher'],
    thinking:
      "Okay, the user wants to know how distillation works for DeepSeek-R1. Let me recall what I know. " +
      'The big R1 model acts as a teacher: it writes long step-by-step solutions, and those traces become ' +
      'training data. Smaller open models, Qwen and Llama bases, are then fine-tuned on them. ' +
      "Wait, is there reinforcement learning on the small ones too? I don't think so; the point was that plain " +
      'supervised fine-tuning already transfers a lot of the reasoning style. ' +
      'So the answer should cover the teacher, the samples, the student and the trade-off.\n',
    answer:
      '## Distillation in DeepSeek-R1\n\n' +
      'Distillation trains a small **student** model to imitate a large **teacher**:\n\n' +
      '1. The teacher (full R1) solves many problems and writes out its reasoning.\n' +
      '2. The best traces are kept as supervised training data.\n' +
      '3. A smaller base model is fine-tuned on those traces.\n\n' +
      'The result is a model that *reasons in the same style* but runs on ordinary hardware. ' +
      'The 32B distill, for example, fits on one workstation when quantized.\n',
  },
  {
    id: 'quantization',
    keywords: ['quant', 'quantization', 'q4', 'q8', 'gguf', 'memory', 'vram'],
    thinking:
      'The user asks about quantization. Quantization stores weights with fewer bits: Q8_0 uses about eight ' +
      'bits per weight, Q4_K_M a little under five. Hmm, let me estimate sizes. A 32B model at Q4_K_M is ' +
      'roughly 20 GB on disk, at Q8_0 roughly 35 GB. The KV cache comes on top and grows with num_ctx. ' +
      'When the GPU is too small, the remaining layers run on the CPU, which is much slower. ' +
      'I should show a quick way to compute the size.\n',
    answer:
      '## Quantization in one minute\n\n' +
      '- **Q8_0**: about 8.5 bits per weight, nearly lossless, large.\n' +
      '- **Q4_K_M**: about 4.8 bits per weight, the usual default.\n' +
      '- Layers that do not fit in VRAM run on the CPU (`ollama ps` shows the split).\n\n' +
      'A rough size estimate:\n\n' +
      '```python\n' +
      'def gguf_size_gb(params_billion, bits_per_weight):\n' +
      '    return params_billion * bits_per_weight / 8\n\n' +
      'print(gguf_size_gb(32.8, 4.8))  # ~19.7\n' +
      '```\n\n' +
      'Add one to a few GB for the KV cache, depending on the context length.\n',
  },
  {
    id: 'r1',
    keywords: ['r1', 'deepseek', 'reasoning', 'think'],
    thinking:
      'Alright, what is special about DeepSeek-R1? It was trained with large-scale reinforcement learning ' +
      'to produce a chain of thought before the final answer. The reasoning appears between think tags. ' +
      'Because the reasoning can be long, answers take a while, and the speed in tokens per second matters ' +
      'a lot on local hardware. Let me give a short, structured answer.\n',
    answer:
      '## What makes R1 different\n\n' +
      'DeepSeek-R1 **thinks first, then answers**. The reasoning comes before the reply, so:\n\n' +
      '- you can read *how* it reached the result,\n' +
      '- long problems cost more tokens (and time) than with a chat model,\n' +
      '- the speed you see is `eval_count / eval_duration`.\n\n' +
      'Tip: keep `num_ctx` stable between turns, or Ollama reloads the model.\n',
  },
  {
    id: 'arithmetic',
    keywords: ['math', 'add', 'sum', 'calculate', 'plus'],
    thinking:
      'Let me work this out step by step. First I add the tens: 40 plus 30 is 70. Then the ones: 7 plus 5 ' +
      'is 12. Together that makes 82. Let me double-check: 47 plus 35, yes, 82.\n',
    answer: 'The sum of **47** and **35** is **82**.\n\nCheck: 82 − 35 = 47. ✓\n',
  },
];

export const CHINESE_SCRIPT: ScriptText = {
  id: 'chinese',
  keywords: ['chinese', '中文'],
  thinking:
    '嗯¦，¦用户¦问¦的是¦模型¦蒸馏¦。¦我¦先¦回忆¦一下¦：¦大¦模型¦生成¦推理¦过程¦，¦小¦模型¦学习¦这些¦样本¦。¦' +
    '不过¦，¦要¦说明¦量化¦对¦速度¦的¦影响¦吗¦？¦可能¦需要¦简单¦提一下¦。¦好¦，¦开始¦回答¦。\n',
  answer:
    '## ¦模型¦蒸馏\n\n¦蒸馏¦是¦让¦小¦模型¦学习¦大¦模型¦的¦推理¦方式¦：\n\n¦' +
    '1¦. ¦大¦模型¦写出¦详细¦的¦解题¦步骤¦；\n¦2¦. ¦小¦模型¦在¦这些¦数据¦上¦微调¦；\n¦3¦. ¦结果¦：¦本地¦也¦能¦运行¦。\n',
};

export const DEMO_SCRIPT: ScriptText = {
  id: 'demo',
  keywords: ['demo', 'help'],
  thinking:
    'The user is trying r1-tui in demo mode. There is no real model here: this text comes from the ' +
    'built-in simulator, which streams prepared reasoning and answers at a steady pace so every panel ' +
    'can be seen working.\n',
  answer:
    '## This is the r1-tui demo backend\n\n' +
    '**No model is running.** These words come from a simulated Ollama server inside r1-tui, ' +
    'so the numbers on screen (tok/s, CPU/GPU split, load time) are made up.\n\n' +
    'Things to try:\n\n' +
    '- `Ctrl+T` folds the reasoning, `Ctrl+P` picks a model,\n' +
    '- `Alt+H` switches to a second simulated host (vLLM),\n' +
    '- type a message containing *loop* to see a reasoning loop, or *long* for a long answer,\n' +
    '- type *compare* for a table and two code blocks (`Alt+1`, `Alt+2` copy them).\n\n' +
    'To chat with a real model, start Ollama and run `r1-tui` without `--demo`.\n',
};

/** Selected by keyword only (not in the rotation): a table and two code blocks, to show Markdown and Alt+N copy. */
export const COMPARE_SCRIPT: ScriptText = {
  id: 'compare',
  keywords: ['compare', 'comparison', 'table', 'snippet'],
  thinking:
    'The user wants a comparison. A table fits best: the quantization, the file size, the speed on a small ' +
    'GPU and the quality. Then two short snippets to measure it: the CLI and Python.\n',
  answer:
    '## Q4_K_M or Q8_0 for deepseek-r1:32b?\n\n' +
    '| quantization | size | speed (8 GB GPU) | quality |\n' +
    '|---|--:|--:|---|\n' +
    '| Q4_K_M | 20 GB | 2.9 tok/s | good, the usual default |\n' +
    '| Q5_K_M | 23 GB | 2.4 tok/s | a little closer to Q8_0 |\n' +
    '| Q8_0 | 35 GB | 1.6 tok/s | nearly lossless, most layers on the CPU |\n\n' +
    'Measure it on your machine:\n\n' +
    '```bash\n' +
    'ollama run deepseek-r1:32b --verbose "hi"   # prints eval rate\n' +
    'ollama ps                                    # CPU/GPU split\n' +
    '```\n\n' +
    'Or from Python:\n\n' +
    '```python\n' +
    'import ollama\n' +
    'r = ollama.chat(model="deepseek-r1:32b", messages=[{"role": "user", "content": "hi"}])\n' +
    'print(r["eval_count"] / r["eval_duration"] * 1e9, "tok/s")\n' +
    '```\n\n' +
    'Press **Alt+1** or **Alt+2** to copy a code block; select an older turn with **Alt+↑** first.\n',
};

/** Short greeting answer: R1 replies to greetings with an empty reasoning block. */
export const GREETING_ANSWER = 'Hello! How can I help you today? (This reply comes from the r1-tui fake Ollama server.)';
export const GREETING_WORDS = ['hi', 'hello', 'hey'];

/** Sentences the looping script repeats over and over. */
export const LOOP_SENTENCES = [
  'Wait, maybe I should check the first condition again.',
  ' Alternatively, the answer could depend on the second case.',
  ' Wait, but that brings me back to the first condition.',
  ' Alternatively, let me reconsider the whole setup from the start.',
];

export const LOOP_OPENING = 'Okay, the user asks which of the two cases applies. Let me think.\n\n';

/** Paragraph material for the ~2,000-token `long` script. */
export const LONG_TOPICS = [
  'how the teacher model writes reasoning traces',
  'why the student keeps the style of the teacher',
  'what quantization does to the weights',
  'how the KV cache grows with the context length',
  'why layers that spill to the CPU slow generation down',
  'how to read the numbers that ollama ps prints',
  'why prompt evaluation is faster than generation',
  'how keep_alive decides when a model is unloaded',
];

/**
 * The long reply's reasoning, one distinct thought per topic (a template repeated per topic reads as a
 * reasoning loop, and the loop detector rightly says so).
 */
export const LONG_THOUGHTS = [
  ' First the traces: the big model solves a problem and writes every step, and those steps become training text.',
  ' Then the style. A student copies how the teacher thinks aloud, so the "Wait," and "Let me check" habits carry over.',
  ' Quantization next. Q4_K_M keeps about four and a half bits per weight, so a 32B model shrinks to roughly 20 GB.',
  ' The KV cache: every token of context keeps its keys and values for each layer, so doubling num_ctx doubles it.',
  ' Spilling. Layers that do not fit in VRAM run on the CPU, and memory bandwidth there is ten times lower.',
  ' For ollama ps I can point at the PROCESSOR column, where "48%/52% CPU/GPU" means a split model.',
  ' Prompt evaluation processes all tokens in one batch, while generation needs a pass per token; that is the gap.',
  ' Last, keep_alive: the default is five minutes after the last request, and 0 unloads at once.',
];
