/**
 * `--demo`: two simulated hosts, so a newcomer sees the host switcher (Alt+H) with no server at all: the
 * simulated Ollama (demo pace and first reply) and a simulated vLLM head node serving DeepSeek-R1 over
 * the OpenAI-compatible API (src/fake/openai, reproducing the recorded vLLM stream and endpoints).
 */
import { demoFakeOptions } from './demo.js';
import { startFakeOpenAi } from './openai/server.js';
import { startFakeOllama } from './server.js';

export interface DemoHosts {
  hosts: Array<{ name: string; url: string }>;
  close(): Promise<void>;
}

export async function startDemoHosts(): Promise<DemoHosts> {
  const ollama = await startFakeOllama(demoFakeOptions());
  const vllm = await startFakeOpenAi({ dialect: 'vllm', tokensPerSecond: 30, waiting: 2, kvCacheUsage: 0.31 });
  return {
    hosts: [
      { name: 'demo-ollama', url: ollama.url },
      { name: 'demo-vllm', url: vllm.url },
    ],
    close: async () => {
      await Promise.all([ollama.close(), vllm.close()]);
    },
  };
}
