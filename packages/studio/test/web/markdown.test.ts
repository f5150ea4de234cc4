import { describe, expect, it } from 'vitest';
import { readmeHtml } from '../../web/src/format/markdown.js';

describe('a plugin README on the integration page', () => {
  it('renders markdown, its headings below the page’s own', () => {
    const html = readmeHtml(
      '# Slack\n\nPost **messages**.\n\n| node | what |\n| - | - |\n| `send` | posts |\n\n```ts\nconst a = 1 < 2;\n```',
    );
    expect(html).toContain('<h3>Slack</h3>');
    expect(html).toContain('<strong>messages</strong>');
    expect(html).toContain('<td><code>send</code></td>');
    expect(html).toContain('const a = 1 &lt; 2;');
  });

  it('shows the author’s HTML as text, never as HTML', () => {
    const html = readmeHtml(
      '<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there <b onclick="x()">b</b>\n\n<div>\n<iframe src="https://evil.example"></iframe>\n</div>',
    );
    expect(html).not.toMatch(/<(script|img|b|div|iframe)[\s>]/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('keeps web links, opening them in a new tab without a referrer', () => {
    expect(readmeHtml('[API](https://api.slack.com/methods "Slack")')).toContain(
      '<a href="https://api.slack.com/methods" title="Slack" target="_blank" rel="noreferrer noopener">API</a>',
    );
  });

  it('turns links it cannot open safely into their text', () => {
    const html = readmeHtml(
      '[run](javascript:alert(1)) [data](data:text/html,<b>x</b>) [docs](../../docs/slack.md)',
    );
    expect(html).not.toContain('<a');
    expect(html).toContain('run');
    expect(html).toContain('docs');
  });

  it('does not load images: a web image becomes a link, another one its alt text', () => {
    expect(readmeHtml('![logo](https://example.com/logo.png)')).toBe(
      '<p><a href="https://example.com/logo.png" target="_blank" rel="noreferrer noopener">Image: logo</a></p>\n',
    );
    expect(readmeHtml('![shot](docs/shot.png)')).toBe('<p>shot</p>\n');
  });
});
