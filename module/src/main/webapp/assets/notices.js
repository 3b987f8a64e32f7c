// The counter's two message areas: what happened (#message) and what went wrong (#problem), one
// sentence and one action each (issue 5 §7); showing one clears the other.
import { h } from './dom.js';

/**
 * @param {{message: HTMLElement, problem: HTMLElement}} areas
 * @returns {{say: Function, complain: Function, quiet: Function}}
 */
export function attachNotices({ message, problem }) {
  function say(sentence, action = '', { warn = false } = {}) {
    problem.replaceChildren();
    message.classList.toggle('warn', warn);
    message.replaceChildren(h('p', { class: 'sentence' }, sentence), action && h('p', { class: 'action' }, action));
  }

  function complain({ sentence, action }) {
    message.replaceChildren();
    problem.replaceChildren(h('p', { class: 'sentence' }, sentence), action && h('p', { class: 'action' }, action));
  }

  function quiet() {
    message.replaceChildren();
    problem.replaceChildren();
  }

  return { say, complain, quiet };
}
