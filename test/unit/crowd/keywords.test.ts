import { describe, expect, it } from 'vitest';
import { isComplaint, matchComplaint } from '../../../core/crowd/keywords';

const GITHUB = ['github', '#githubdown', 'github down'];

describe('keyword filter: complaints about GitHub', () => {
  const yes: string[] = [
    'Is GitHub down?',
    'github is down again',
    'GitHub not working for me',
    "github's down, can't push anything",
    'Anyone else getting errors from GitHub right now?',
    'GitHub is really slow today',
    "Massive GitHub outage, Actions won't start",
    'GitHub outages everywhere this week',
    'github pages broken?',
    'GitHub offline??',
    '#GitHubDown again',
    'Deploys stuck. #githubdown',
    'is it down? github will not load',
    'GitHub went down for 20 minutes',
    'Is it just me or is GitHub having issues?',
    'problems with github again',
    "Github isn't working",
    'Github isn’t working (curly apostrophe)',
    'github stopped working mid-push',
    'GitHub is DOWN!!!',
    'GITHUB DOWN',
    'GitHub 500 errors for everyone',
    'Seeing a lot of errors on github.com today',
    '@github is your site down?',
    'Is GitHub down or is it just me',
    'GitHub Actions runners are broken',
    'github\ndown\nagain',
    'GitHub: problems pushing today, anybody else?',
  ];
  it.each(yes)('complaint: %s', (text) => {
    expect(isComplaint(text, GITHUB)).toBe(true);
  });

  const no: string[] = [
    'Download the GitHub desktop app',
    "Here's a breakdown of costs for GitHub Copilot",
    "GitHub is not down, it's your VPN",
    "github isn't down for me, check your DNS",
    'GitHub is no longer down',
    'Nothing is broken on GitHub, I checked',
    'GitHub stars slowly going up',
    'I opened an issue on GitHub today',
    'Filed a new GitHub issue again, see issue #1234',
    'No issues with GitHub today',
    'GitHub worked without any problems today',
    'GitHub Actions: scroll down to see the logs',
    'The drop-down in GitHub settings is confusing',
    'Slow down and read the GitHub docs',
    "I'm down to try GitHub Codespaces",
    'Shut down my old GitHub account',
    'GitHub has an offline mode?',
    'The GitHub mobile app works offline now',
    'github error handling patterns',
    'The countdown to GitHub Universe has started',
    'Markdown in GitHub is great',
    'Top-down view of the GitHub architecture',
    "I'm not working today, no GitHub for me",
    'https://github.com/someone/down is my repo',
    'Feeling down, pushed to GitHub anyway',
    'GitHub let me down with that UI change',
    'Upside down GitHub logo spotted',
    'Mirrored to GitHub, hands down the best host',
    'My laptop is broken',
    'Twitter is down',
    'Is it down?',
    '#githubdownload is a cool tag',
    'not a problem, GitHub handles it today',
    'GitHub. Not down. OK.',
    '',
  ];
  it.each(no)('not a complaint: %s', (text) => {
    expect(isComplaint(text, GITHUB)).toBe(false);
  });
});

describe('keyword filter: other services and details', () => {
  it.each<[string, string[], boolean]>([
    ['npm registry is down', ['npm', 'npmjs', 'npm registry', '#npmdown'], true],
    ['npm install errors again', ['npm', 'npmjs', 'npm registry', '#npmdown'], true],
    ['pnpm is down', ['npm', 'npmjs', 'npm registry', '#npmdown'], false],
    ['ChatGPT is down', ['chatgpt', 'openai', '#chatgptdown', '#openaidown'], true],
    ['#ChatGPTOutage', ['chatgpt', 'openai', '#chatgptdown', '#openaidown'], true],
    ['OpenAI launches a new model today', ['chatgpt', 'openai'], false],
    ['Prime Video not working on my TV', ['prime video', 'amazon prime video', 'primevideo'], true],
    ['prime-video down?', ['prime video'], true],
    ['claude.ai is down', ['claude', 'anthropic', 'claude.ai'], true],
    ['Full steam ahead, nothing broken', ['steam'], false],
    ['Steam servers are down', ['steam'], true],
    ['Steamy weather, my router is down', ['steam'], false],
  ])('%s → %s', (text, terms, expected) => {
    expect(isComplaint(text, terms)).toBe(expected);
  });

  it('explains the match', () => {
    expect(matchComplaint('Anyone else seeing GitHub errors right now?', GITHUB)).toEqual({
      complaint: true,
      term: 'github',
      strong: null,
      weak: 'errors',
      context: 'anyone',
    });
    const tag = matchComplaint('ugh #GitHubDown', GITHUB);
    expect(tag.complaint).toBe(true);
    expect(tag.strong).toBe('#githubdown');
  });

  it('needs a term: strong words about something else do not count', () => {
    expect(matchComplaint('everything is down', GITHUB)).toMatchObject({ complaint: false, term: null });
  });

  it('weak words need context', () => {
    expect(isComplaint('GitHub issues are a nice tracker', GITHUB)).toBe(false);
    expect(isComplaint('GitHub is slow', GITHUB)).toBe(false);
    expect(isComplaint('GitHub is slow again', GITHUB)).toBe(true);
  });

  it('no terms → never a complaint; huge input is bounded', () => {
    expect(isComplaint('GitHub is down', [])).toBe(false);
    expect(isComplaint(`GitHub is down ${'x'.repeat(1_000_000)}`, GITHUB)).toBe(true);
  });
});
