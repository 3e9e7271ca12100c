/**
 * Consumer mail providers: an address there says nothing about the sender's company, so
 * neither a website nor a company name may be derived from it.
 */
const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'outlook.de', 'outlook.fr', 'hotmail.com', 'hotmail.co.uk',
  'hotmail.de', 'hotmail.fr', 'hotmail.es', 'hotmail.it', 'live.com', 'live.co.uk', 'live.de', 'live.fr',
  'msn.com', 'windowslive.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'yahoo.es', 'yahoo.it',
  'yahoo.co.jp', 'yahoo.com.br', 'yahoo.co.in', 'ymail.com', 'rocketmail.com', 'icloud.com', 'me.com',
  'mac.com', 'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net',
  'gmx.at', 'gmx.ch', 'web.de', 'aol.com', 'aim.com', 'mail.com', 'email.com', 'mail.ru', 'inbox.ru',
  'list.ru', 'bk.ru', 'yandex.ru', 'yandex.com', 'ya.ru', 'qq.com', 'foxmail.com', '163.com', '126.com',
  'yeah.net', 'sina.com', 'sohu.com', 'aliyun.com', 'naver.com', 'daum.net', 'hanmail.net', 'zoho.com',
  'zohomail.com', 'tutanota.com', 'tuta.io', 'fastmail.com', 'fastmail.fm', 'hey.com', 't-online.de',
  'freenet.de', 'arcor.de', 'posteo.de', 'mailbox.org', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net',
  'sfr.fr', 'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'onet.pl',
  'interia.pl', 'btinternet.com', 'sky.com', 'virginmedia.com', 'blueyonder.co.uk', 'talktalk.net',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'earthlink.net', 'optonline.net', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'bigpond.com', 'optusnet.com.au',
  'rediffmail.com', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'hushmail.com', 'lycos.com',
  'inbox.com', 'gmx.us', 'rambler.ru', 'ukr.net', 'skynet.be', 'telenet.be', 'bluewin.ch', 'ziggo.nl',
  'kpnmail.nl', 'home.nl', 'planet.nl', 'hetnet.nl', 'xs4all.nl', 'online.no', 'telia.com', 'spray.se',
]);

/** True for consumer mail domains and their subdomains (e.g. `mail.yahoo.com`). */
export function isFreeMailDomain(domain: string): boolean {
  let d = domain.trim().toLowerCase();
  for (;;) {
    if (FREEMAIL_DOMAINS.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0 || d.indexOf('.', dot + 1) < 0) return false;
    d = d.slice(dot + 1);
  }
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const d = email.slice(at + 1).trim().toLowerCase();
  return d.length > 0 ? d : null;
}
