import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Realistic SMS reports (typos, word orders, languages, scripts, emoji, abbreviations, aliases), each
 * sent through the real Africa's Talking webhook into a real database: what the gateway understood
 * and which question, if any, it asked back. `area` is a code, or null with `ask: 'area'`.
 */
interface Row {
  from: string;
  text: string;
  category: string | null;
  area: string | null;
  urgent: boolean;
  ask: 'area' | 'category' | null;
  language: string;
}

const KE = '+254711000111';
const KG = '+996555123456';
const rows: Row[] = [
  { from: KE, text: 'R violence Kibera youths fighting near the market', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'REPORT VIOLENCE KIBRA', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'r hate speech Eldoret leaflets at the bus stage', category: 'hate_speech', area: 'KE-44', urgent: false, ask: null, language: 'en' },
  // A phrase saying what was said outweighs the group it was said about (and the preacher's title).
  { from: KE, text: 'the imam at the Friday sermon in Likoni said christians are the enemy', category: 'hate_speech', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  // Whatever the group and faith words, what was said of them is the report: hate speech prevails over them.
  { from: KE, text: 'pastor in Kapsaos preaching that the luos are cursed, congregation cheering', category: 'hate_speech', area: 'KE-44-01-05', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Mchungaji mmoja Kisauni anahubiri kwamba waislamu ni maadui', category: 'hate_speech', area: 'KE-28-02', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'имам в Кадамжае говорит в проповеди что христиане враги', category: 'hate_speech', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  // ...but a group's words alone stay an ethnic or religious matter.
  { from: KE, text: 'Somali and Borana youth quarrel at Uran market', category: 'ethnic_religious', area: 'KE-25-01-06', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Vijana wanapigana sokoni Kondele 😡 tafadhali saidieni', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'sw' },
  { from: KE, text: 'kbra fight', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'fighting in kibera', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Mathare youths attacked with machetes, people injured', category: 'violence', area: 'KE-30-03', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'vurugu naivasha', category: 'violence', area: 'KE-31-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'VURUGU NAIVASHA HARAKA', category: 'violence', area: 'KE-31-02', urgent: true, ask: null, language: 'sw' },
  { from: KE, text: 'Naivaisha clashes between herders', category: 'violence', area: 'KE-31-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'land dispute in Molo farmers and herders', category: 'resource_dispute', area: 'KE-31-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'mzozo wa ardhi Elburgon', category: 'resource_dispute', area: 'KE-31-03-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'water dispute at Ahero irrigation scheme', category: 'resource_dispute', area: 'KE-17-02-02', urgent: false, ask: null, language: 'en' },
  // Livestock stolen is violence; livestock on another's farm (or a cattle raid between communities) a land dispute.
  { from: KE, text: 'our cattle were stolen in Silale last night', category: 'violence', area: 'KE-01-01-04', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Тюпе ночью украли скот', category: 'violence', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'herders brought their cattle into our farms in Silale', category: 'resource_dispute', area: 'KE-01-01-04', urgent: false, ask: null, language: 'en' },
  // A Kiswahili threat in the future tense is not the deed done: "wamechoma" (they burned) is violence, "watawachoma" (they will burn them) a threat.
  { from: KE, text: 'wamechoma nyumba mbili Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'wametuambia watawachoma Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  // A partner beside a threat is gender-based violence (the taxonomy's strong cues); a woman threatened for standing is a threat.
  { from: KE, text: 'he is threatening to kill his wife in Kibra', category: 'gbv', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'a woman candidate was threatened in Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'cattle raid Tiaty, guns seen', category: 'resource_dispute', area: 'KE-01-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'Threats against traders in Likoni', category: 'threat', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'vitisho kwa wafanyabiashara Bamburi', category: 'threat', area: 'KE-28-02-03', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'intimidation of voters Kisumu Central', category: 'threat', area: 'KE-17-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Election campaign rally turned violent in Kakamega', category: 'electoral', area: 'KE-11', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'wizi wa kura Nyalenda', category: 'electoral', area: null, urgent: false, ask: 'area', language: 'sw' },
  { from: KE, text: 'uchaguzi Migosi vijana wanalipwa', category: 'electoral', area: 'KE-17-01-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'Church and mosque youths quarrel in Mombasa', category: 'ethnic_religious', area: 'KE-28', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'ukabila Huruma Eldoret', category: 'ethnic_religious', area: 'KE-44-01-06', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'woman beaten by husband in Lindi, domestic violence', category: 'gbv', area: 'KE-30-01-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'rape case reported in Kapsoya', category: 'gbv', area: 'KE-44-03-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Hate leaflets in Marsabit town', category: 'hate_speech', area: 'KE-25', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'chuki na matusi Moyale', category: 'hate_speech', area: 'KE-25-01', urgent: false, ask: null, language: 'sw' },
  // Armed people, nothing said of what they did: a threat (taxonomy `fallback_cues`), alerted at once.
  { from: KE, text: 'People with guns in Mathare now', category: 'threat', area: 'KE-30-03', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'Something bad is happening near our home', category: null, area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'hello', category: null, area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'fighting at Huruma', category: 'violence', area: null, urgent: false, ask: 'area', language: 'en' },
  // A name two places share is the one near the other place named: Mathare's Huruma beside Kiamaiko, so Mathare.
  { from: KE, text: 'vijana wa Huruma wanapigana na wa Kiamaiko', category: 'violence', area: 'KE-30-03', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'fighting between Huruma and Kamagut youth', category: 'violence', area: 'KE-44-01', urgent: false, ask: null, language: 'en' },
  // Two places named by different words: the nearest area holding both (Kisumu Central); none below the country: ask which.
  { from: KE, text: 'youths of Kondele and Migosi fighting', category: 'violence', area: 'KE-17-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'youths of Lindi and Kondele fighting', category: 'violence', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'attack in Nairobi', category: 'violence', area: 'KE-30', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Nai attack today', category: 'violence', area: 'KE-30', urgent: false, ask: null, language: 'en' },
  { from: KE, text: '⚠️⚠️ riot Kisumu ⚠️', category: 'violence', area: 'KE-17', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Kisumu', category: null, area: 'KE-17', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'violence', category: 'violence', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'ghasia Kondele watu wamejeruhiwa', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'Конфликт из-за воды на границе, село Арка', category: 'resource_dispute', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'СООБЩ драка Ак-Сай', category: 'violence', area: 'KG-B-02-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'драка в Аксае, есть раненые, срочно', category: 'violence', area: 'KG-B-02-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'спор за пастбище Кок-Таш', category: 'resource_dispute', area: 'KG-B-02-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'листовки с разжиганием ненависти в Оше', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'угрозы избирателям в Узгене', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'угрозы избирателям Узген', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'выборы подкуп Баткен', category: 'electoral', area: 'KG-B', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Суу талаш Арка айылында', category: 'resource_dispute', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'мушташ Баткен шашылыш', category: 'violence', area: 'KG-B', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Water conflict Arka village', category: 'resource_dispute', area: 'KG-B-01-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'привет', category: null, area: null, urgent: false, ask: 'area', language: 'ru' },
  { from: KG, text: 'Кабар: жер талаш Самаркандек', category: 'resource_dispute', area: 'KG-B-02-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Samarkandek border clash, shooting', category: 'resource_dispute', area: 'KG-B-02-03', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'violance in kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Kibera violence', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'KISUMU CENTRAL RIOT NOW URGENT', category: 'violence', area: 'KE-17-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'ksm riot', category: 'violence', area: 'KE-17', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'MSA clashes at Likoni ferry', category: 'violence', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Fighting Mombasa', category: 'violence', area: 'KE-28', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'theats against traders in Langas', category: 'threat', area: 'KE-44-02-05', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'voting intimidation langas', category: 'threat', area: 'KE-44-02-05', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'ballot boxes stolen in Kapseret', category: 'electoral', area: 'KE-44-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'polling station Kolwa East chaos', category: 'electoral', area: 'KE-17-03-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Leaflets with incitement in Nakuru town', category: 'hate_speech', area: 'KE-31', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'uchochezi Nakuru', category: 'hate_speech', area: 'KE-31', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'grazing dispute Samburu morans', category: 'resource_dispute', area: 'KE-37', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'malisho Samburu mzozo', category: 'resource_dispute', area: 'KE-37', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'border tension Moyale guns', category: 'resource_dispute', area: 'KE-25-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'mapigano Mathare watu wameuawa', category: 'violence', area: 'KE-30-03', urgent: true, ask: null, language: 'sw' },
  { from: KE, text: 'shambulio kanisa Embakasi', category: 'violence', area: 'KE-30-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'tribal clashes Turbo', category: 'ethnic_religious', area: 'KE-44-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'tribal tension in Turbo', category: 'ethnic_religious', area: 'KE-44-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Gbv case Mihango', category: 'gbv', area: 'KE-30-02-04', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'ubakaji Utawala msaada', category: 'gbv', area: 'KE-30-02-03', urgent: true, ask: null, language: 'sw' },
  { from: KE, text: 'Laini Saba fight 👊👊', category: 'violence', area: 'KE-30-01-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Woodley youths threatening residents', category: 'threat', area: 'KE-30-01-04', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'threatening messages', category: 'threat', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'Nyando', category: null, area: 'KE-17-02', urgent: false, ask: 'category', language: 'en' },
  { from: KG, text: 'драка Ош', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Нападение в Узгене, стрельба', category: 'violence', area: 'KG-O-02', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'Кара-Суу беспорядки на рынке', category: 'violence', area: 'KG-O-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'кара суу беспорядки', category: 'violence', area: 'KG-O-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Угрозы в Лейлеке', category: 'threat', area: 'KG-B-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'межэтнический конфликт Араван', category: 'ethnic_religious', area: 'KG-O-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Исфана суу талаш', category: 'resource_dispute', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Batken border shooting', category: 'resource_dispute', area: 'KG-B', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'зомбулук Нарын', category: 'violence', area: 'KG-N', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'коркутуу Талас', category: 'threat', area: 'KG-T', urgent: false, ask: null, language: 'ky' },
  // Russian typed in Latin letters; and an English word whose Cyrillic reading starts a Russian keyword ("sport": "спор", dispute).
  { from: KG, text: 'v Oshe na bazare draka, srochno', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  // Kyrgyz typed in Latin letters (ж as "j", a Cyrillic SMS costing twice): read back into Cyrillic, with its endings ("Oshto": in Osh).
  { from: KG, text: 'Oshto urush bolup jatat, bychak menen', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Kadamjayda shayloo uchastogunda akcha taratyp jatyshat', category: 'electoral', area: 'KG-B-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Narynda ayaldy kuyoosu urup jatat, jardam bergile', category: 'gbv', area: 'KG-N', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Leylekte tajikter ketishi kerek dep jazyshuuda', category: 'hate_speech', area: 'KG-B-01', urgent: false, ask: null, language: 'ky' },
  // Places in Cyrillic typed in Latin letters, with their endings ("Ak-Sayda": in Ак-Сай; "pod Talasom": near Talas);
  // "yu" as й + у ("kuyup": күйүп, burning); "ok" (a bullet) of two letters.
  { from: KG, text: 'Ak-Sayda azyr adamdardy bychak menen sayyp jatyshat!!!', category: 'violence', area: 'KG-B-02-01', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'shashylysh jardam bergile Kok-Tashta uylor kuyup jatat', category: 'violence', area: 'KG-B-02-02', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'jardam bergile Kara-Suuda ok atylyp jatat', category: 'violence', area: 'KG-O-01', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'napadenie na marshrutku pod Talasom, passazhiry raneny', category: 'violence', area: 'KG-T', urgent: true, ask: null, language: 'ru' },
  // A Kyrgyz reading starts longer words though a Russian reading of the same letters must equal a keyword ("talkalap": талкала-п, smashing).
  { from: KG, text: 'Uzgende jashtar tash yrgytyp, dukondordu talkalap jatyshat', category: 'violence', area: 'KG-O-02', urgent: false, ask: null, language: 'ky' },
  // A Russian place name declined as a whole, typed in Latin letters, "yo" as й + о ("rayone": районе).
  { from: KG, text: 'v Tyupskom rayone za golosa razdayut meshki muki', category: 'electoral', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  // A name only spelled in Cyrillic is as typed, not inflected: "Zhalal" starts Жалал-Абад as "Жалал" does.
  { from: KG, text: 'vchera nochyu v Zhalal-Abadskoy oblasti podozhgli magazin', category: 'violence', area: 'KG-J', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'V Nookenskom rayone zhiteli perekryli dorogu iz-za vody dlya poliva', category: 'resource_dispute', area: 'KG-J-03', urgent: false, ask: null, language: 'ru' },
  // A fresh batch typed in Latin letters: Russian "j" for ж as in Kyrgyz ("podojgli", set fire); "ok atyshty" (they shot);
  // "orttoyt" (will burn) a threat; Baptists in Kyrgyz as in Russian.
  { from: KG, text: 'Uzgen, nochyu podojgli dom, lyudi v bolnitse', category: 'violence', area: 'KG-O-02', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'Leylekte ar jaktan kuralchan adamdar malchylarga ok atyshty', category: 'violence', area: 'KG-B-01', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Barpyda tajikterdin uylorun jakynda orttoyt dep jatyshat', category: 'threat', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Suzakta mechittin janynda jashtar baptistter menen mushtashty', category: 'ethnic_religious', area: 'KG-J-01', urgent: false, ask: null, language: 'ky' },
  // Chat spelling: "4" for ч ("me4eti", at the mosque), "x" for х ("uexat", to leave), "j" for ж ("doljny", must).
  { from: KG, text: 'Uzgen - v me4eti podralis iz-za imama, dve gruppy', category: 'ethnic_religious', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'v Bishkeke na mitinge kri4ali 4to kitaicy doljny uexat', category: 'hate_speech', area: 'KG-GB', urgent: false, ask: null, language: 'ru' },
  // The soft sign typed as an apostrophe is inside the word ("bol'nitse": в больнице, in hospital).
  { from: KG, text: "lyudi v bol'nitse, Uzgen", category: null, area: 'KG-O-02', urgent: true, ask: 'category', language: 'ru' },
  // Latin words are read as Kyrgyz only from a country whose places are named in Cyrillic: from Tanzania (no areas
  // here), "sababu" (reason) is no "саба-бу" (the beating).
  { from: '+255712000111', text: 'sababu ya mkutano wa leo ni mvua', category: null, area: null, urgent: false, ask: 'area', language: 'sw' },
  // A place name read back into Cyrillic leads with its reading: "At-Bashy" is Ат-Башы, though "at" is an English
  // small word, and outweighs "kar" (snow), the start of Кара-Суу.
  { from: KG, text: 'At-Bashyda kar kop jaady, joldor jabyk', category: null, area: 'KG-N-01', urgent: false, ask: 'category', language: 'ru' },
  // A Kyrgyz word typed in Latin with a typo, read back whole, is a keyword's typo as a word typed in Cyrillic is
  // ("kahcyshty": качышты, ran off with; "bilsn": билсин, let them know).
  { from: KG, text: 'At-Bashyda kyz ala kahcyshty, ata-enesi izdep jatat', category: 'gbv', area: 'KG-N-01', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Bazar-Korgondo aksakal ozbekter oz ordun bilsn dedi jyyynda', category: 'hate_speech', area: 'KG-J-02', urgent: false, ask: null, language: 'ky' },
  // So may a Russian word typed in Latin, read back whole, from a country where Cyrillic is typed in Latin every day
  // ("uggrozhayut": угрожают; "pdozhgli": подожгли).
  { from: KG, text: 'Zvonyat i uggrozhayut glave ayyla v Papane', category: 'threat', area: 'KG-O-01-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Osh: v makhalle pdozhgli mashinu uchitelya', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // A negation or thanks typed in Latin letters undoes an urgent word as in Cyrillic ("net", нет; "jok", жок).
  { from: KG, text: 'zemelnyy spor v Papane, postradavshikh net', category: 'resource_dispute', area: 'KG-O-01-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Papanda jer talash, jaradar jok', category: 'resource_dispute', area: 'KG-O-01-02', urgent: false, ask: null, language: 'ky' },
  // "скоро" (soon) is no "скорая" (an ambulance), in Cyrillic or Latin letters; an ambulance called for is urgent in both.
  { from: KG, text: 'в Барпы говорят что скоро придут и сожгут дома таджиков', category: 'threat', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Parnya porezali nozhom v Bishkeke, skoraya ne edet', category: 'violence', area: 'KG-GB', urgent: true, ask: null, language: 'ru' },
  // Russian endings with "й" stem as such though words are folded ("дракой", with a fight, is "драк", as "драка").
  { from: KG, text: 'в Оше закончилось дракой', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // A Russian reading is folded as the keywords are ("ubiystvo" → "убийство" → "убииство", as "й" folds).
  { from: KG, text: 'ubiystvo v Talase', category: 'violence', area: 'KG-T', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'sport day at Kibra school turned into a fight', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // A Russian place name of two words declined as a whole (adjective and noun), not just its last word's ending.
  { from: KG, text: 'драка в Таласском районе', category: 'violence', area: 'KG-T-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'угрозы фермерам в Чуйской области', category: 'threat', area: 'KG-C', urgent: false, ask: null, language: 'ru' },
  // "amani" is peace: a keyword's Kiswahili stem is never a short piece of a noun ("kisimani" → "mani").
  { from: KE, text: 'Kamati ya amani ya Molo inakutana leo', category: null, area: 'KE-31-03', urgent: false, ask: 'category', language: 'en' },
  // Two cues in different words ("imam", "msikiti") outweigh a generic keyword of another category.
  { from: KE, text: 'wanagombana na imam kuhusu kiwanja cha msikiti Bofu', category: 'ethnic_religious', area: 'KE-28-01-03', urgent: false, ask: null, language: 'sw' },
  // A place's exact name is not a keyword with an ending: "Kisumu" is not "kisu" (knife), which left "bus" to name Busia.
  { from: KE, text: 'fight at Kisumu bus park', category: 'violence', area: 'KE-17', urgent: false, ask: null, language: 'en' },
  // Everyday words are not reports: "well" of "all is well" is not a water well; "motorbike" does not
  // start with Kiswahili "moto" (fire) as a keyword; "nambari" (number) is not a typo of Bamburi.
  { from: KE, text: 'all is well in Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'a man on a motorbike in Kapsoya', category: null, area: 'KE-44-03-03', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'nitumieni nambari ya mwenyekiti', category: null, area: null, urgent: false, ask: 'area', language: 'en' },
  // An English keyword starts no longer word unless written as a stem: "Somaliland" is not "somali".
  { from: KE, text: 'traders from Somaliland robbed in Moyale', category: 'violence', area: 'KE-25-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'изнасилованная девушка в Узгене', category: 'gbv', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  // A Kyrgyz keyword's stem keeps four letters: "кетсин" (let them leave, hate speech) is not the "кет-" of "кетти" (went away).
  { from: KG, text: 'Барпыда белгисиздер үйлөрдү өрттөп кетти', category: 'violence', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ky' },
  // A real English word is not a keyword's typo ("shouting" is not "shooting", "classes" not "clashes"); a misspelling still is.
  { from: KE, text: 'youths shouting after classes in Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  // A lone "m-" is not taken off a Kiswahili word: "mwezi" (month) is not "wezi" (thieves).
  { from: KE, text: 'mafunzo ya amani mwezi ujao Nakuru', category: null, area: 'KE-31', urgent: false, ask: 'category', language: 'en' },
  // An urgent word undone by a word near it ("no one was hurt"; thanks for the help) is not urgent; the Kiswahili locative "-ni" comes off ("hospitalini").
  { from: KE, text: 'fighting in Kibra, no one was hurt', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // Someone in danger or badly hurt is urgent, threatened first or not.
  { from: KE, text: 'they threatened him and shot him in Kibra', category: 'threat', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'people will die in Kibra, send help', category: null, area: 'KE-30-01', urgent: true, ask: 'category', language: 'en' },
  { from: KE, text: 'traffic in Kibra not moving since morning', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'the peace meeting in Kibra was very helpful', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'new tensions emerging in Kibra over the land', category: 'resource_dispute', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // "wakisema" (while saying) is no typo of "kisima" (a well): Kiswahili has no word list here, so the stop words say it.
  { from: KE, text: 'wazee wa Kibra wakisema tuombe pamoja', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  // Everyday phrases are no keyword: a teachers' strike is no threat, getting out of a flood no hate speech.
  { from: KE, text: 'teachers in Kibra plan to strike tomorrow', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'people could not get out of the flooded houses in Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  // "plotting" is no plot of land; a plot still is.
  { from: KE, text: 'youths plotting revenge in Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'vijana wanapigana Kondele, tuko hatarini', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'драка в Оше, один без сознания', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'asante kwa msaada wenu Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  // A negation undoes an urgent word in its own clause only: "no police, people injured" is urgent.
  { from: KE, text: 'no police, people injured at Kondele', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'no one was hurt in the fight at Kondele', category: 'violence', area: 'KE-17-01-05', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'нет скорой, двое ранены, Ош', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  // Someone dying, or a call to come quickly, is urgent; "0 injured" is not.
  { from: KE, text: 'a man is dying at Kondele after being beaten', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'come quickly fight at Kondele', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'в Оше человек умирает после драки', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'fight at Kondele, 0 injured', category: 'violence', area: 'KE-17-01-05', urgent: false, ask: null, language: 'en' },
  // ...but thanks after the urgent words, closing the message, undo nothing.
  { from: KE, text: 'gang rape reported in Kiamaiko, victim at hospital thank you', category: 'gbv', area: 'KE-30-03-06', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'кыргызы и таджики подрались на границе у Арки, двое погибли спасибо', category: 'ethnic_religious', area: 'KG-B-01-01', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'vurugu Kibra, mtu mmoja yuko hospitalini', category: 'violence', area: 'KE-30-01', urgent: true, ask: null, language: 'sw' },
  // An all-clear names no category, whatever election words it holds: from anyone but a monitor (whose it is
  // a check-in) it is filed as "other" for the committee, and its sender is not asked what happened. An attack expected is a threat.
  { from: KE, text: 'Polling day update, Lurambi: voting peaceful, no incidents', category: 'other', area: 'KE-11-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Polling day update, Lurambi: voting peaceful, no incidents, but one person hurt', category: 'electoral', area: 'KE-11-01', urgent: true, ask: null, language: 'en' },
  // Good news (a quarrel settled, a match for peace) is an all-clear too, whatever faith or land words it holds.
  { from: KE, text: 'good news: the church and the mosque in Likoni signed an agreement over the land', category: 'other', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'хорошие новости: в Араване мусульмане и христиане сыграли матч за мир', category: 'other', area: 'KG-O-03', urgent: false, ask: null, language: 'ru' },
  // Good news naming no place is not asked where: it goes to the coordinators' triage.
  { from: KE, text: 'habari njema, wazee wamepatana', category: 'other', area: null, urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'armed youth seen near Tirioko, possible raid tonight', category: 'threat', area: 'KE-01-01-01', urgent: false, ask: null, language: 'en' },
  // A district named after its region, in Kyrgyz with a possessive and a case ("районунда"): the district.
  { from: KG, text: 'Талас районунда мушташ', category: 'violence', area: 'KG-T-01', urgent: false, ask: null, language: 'ky' },
  // Kyrgyz typed on a Russian keyboard, without ө, ү, ң: "Озгон" is Өзгөн, "жек коруу" is hate speech.
  { from: KG, text: 'озгондо жек коруу баракчалары', category: 'hate_speech', area: 'KG-O-02', urgent: false, ask: null, language: 'ky' },
  // "please" is not a typo of Spanish "peleas" (fights).
  { from: KE, text: 'please call me back', category: null, area: null, urgent: false, ask: 'area', language: 'en' },
  // Raiders taking livestock between communities: a resource conflict, whoever the raiders are; a kidnapping is violence.
  { from: KE, text: 'pokot raiders took 300 goats from Silale this morning', category: 'resource_dispute', area: 'KE-01-01-04', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'a trader was kidnapped in Kondele this morning', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'en' },
  // An insult to a people is hate speech, though it names the people; people hiding or covered in blood are in danger now.
  { from: KE, text: 'mwanasiasa ametukana kabila la wakikuyu kwenye mkutano Eldoret', category: 'hate_speech', area: 'KE-44', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Кадамжайда молдо христиандар душман деп айтып жатат', category: 'hate_speech', area: 'KG-B-03', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'gunfire all night in Tiaty, people hiding in the bush', category: 'violence', area: 'KE-01-01', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'Бишкекте таксисти сабап кетишти, канга боелуп жатат', category: 'violence', area: 'KG-GB', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'избили таксиста в Оше, он в крови лежит у остановки', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  // People driven out is the deed, not hate speech ("выгнали"; "надо выгнать", must be driven out, is speech).
  { from: KG, text: 'в Кадамжае миссионеров выгнали из села', category: 'ethnic_religious', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'на участке в Сузаке наблюдателей выгнали, вбрасывают бюллетени', category: 'electoral', area: 'KG-J-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'соседка из Нариман сказала что её дочь украли', category: 'gbv', area: 'KG-O-01-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'мне сказали если я еще раз напишу про коррупцию в Таласе, мне конец', category: 'threat', area: 'KG-T', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Сузакта айыл башчысы мугалимдерди бюллетендин сүрөтүн тарт деп мажбурлап жатат', category: 'electoral', area: 'KG-J-01', urgent: false, ask: null, language: 'ky' },
  // A Kiswahili idiom of menace ("watakiona cha mtema kuni"); a count "calm" is an all-clear, filed as other.
  { from: KE, text: 'mbunge wa Kiharu amesema wafuasi wa upinzani watakiona cha mtema kuni', category: 'threat', area: 'KE-29-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'kura zinahesabiwa upya Alego Usonga, hali ni tulivu', category: 'other', area: 'KE-38-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'body found near Kondele stage this morning', category: 'violence', area: 'KE-17-01-05', urgent: false, ask: null, language: 'en' },
  // Everyday words of each category that the lists lacked (shots, forced marriage, grazing, punishment to come).
  { from: KG, text: 'выстрелы возле отдела милиции в Узгене, люди бегут', category: 'violence', area: 'KG-O-02', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'девочку 15 лет насильно выдали за старика в Ат-Башы', category: 'gbv', area: 'KG-N-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'пастухи пасут коров на нашей кукурузе в Барпы', category: 'resource_dispute', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'someone sending sms to the women group in Ainamoi saying they will be punished', category: 'threat', area: 'KE-12-01', urgent: false, ask: null, language: 'en' },
  // Observers driven out of a polling station is the election, not hate speech; "ачылды" (opened) is no typo of "атылды" (shot).
  { from: KG, text: 'участок в Кадамжае открылся поздно, наблюдателей прогнали', category: 'electoral', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Кадамжайда шайлоо участогу кеч ачылды, байкоочуларды кууп чыгышты', category: 'electoral', area: 'KG-B-03', urgent: false, ask: null, language: 'ky' },
  // A Kiswahili future passive ("atauawa", he will be killed) is a threat, not the death ("ameuawa") itself.
  { from: KE, text: 'chifu wa Sololo amepata barua inayosema atauawa', category: 'threat', area: 'KE-25-01-02', urgent: false, ask: null, language: 'sw' },
  // Someone cut, a bone broken, a knife drawn, one dead ("ded"), a victim at Kenyatta hospital (KNH): urgent.
  { from: KE, text: 'fight between matatu touts at Kisumu bus park, one was cut on the hand', category: 'violence', area: 'KE-17', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'tribal clash tiaty 2 ded', category: 'ethnic_religious', area: 'KE-01-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'ghasia kati ya bodaboda na matatu Kondele, mmoja amevunjika mguu', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'sw' },
  { from: KE, text: 'dem mmoja amebakwa karibu na reli Makina, yuko KNH', category: 'gbv', area: 'KE-30-01-03', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'в Араване снова нападение в 6 утра, один погиб', category: 'violence', area: 'KG-O-03', urgent: true, ask: null, language: 'ru' },
  // "арык" (ditch) is Russian and Kyrgyz: the urgent word "балта" (axe) tells the reply's language.
  { from: KG, text: 'Аламүдүндө коңшулар арык үчүн бири-бирине балта көтөрүштү', category: 'resource_dispute', area: 'KG-C-01', urgent: true, ask: null, language: 'ky' },
  // Families evicted is a land dispute; "calling for eviction" of a people is hate speech, as is calling them thieves.
  { from: KE, text: 'families evicted from their land by police in Molo', category: 'resource_dispute', area: 'KE-31-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'at the rally in Kapsoya the MP said that the kikuyus are thieves', category: 'hate_speech', area: 'KE-44-03-03', urgent: false, ask: null, language: 'en' },
  // A rumour of an attack is a threat (a strong cue), and a Kiswahili future ("watashambulia") is no attack yet.
  { from: KE, text: 'rumours of an attack on Kolowa tonight', category: 'threat', area: 'KE-01-01-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'kuna uvumi kwamba wavamizi watashambulia Kolowa usiku wa leo', category: 'threat', area: 'KE-01-01-02', urgent: false, ask: null, language: 'sw' },
  // A place of worship burnt is a religious matter; teargas on a crowd is violence; "коргоо" (protection) is no typo of "кордоо" (insult).
  { from: KE, text: 'a church was burnt down in Mandera East last night', category: 'ethnic_religious', area: 'KE-24-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'ночью сожгли молитвенный дом в Кадамжае', category: 'ethnic_religious', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'милиция применила слезоточивый газ против митингующих в Оше', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Кара-Сууда топ дүкөндөрдөн коргоо үчүн акча талап кылып жатат', category: 'threat', area: 'KG-O-01', urgent: false, ask: null, language: 'ky' },
  // Sex demanded by a boss is gender-based violence, though it happens on a farm ("shamba").
  { from: KE, text: 'my boss at the flower farm in Naivasha forces us girls to sleep with him', category: 'gbv', area: 'KE-31-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'bosi wangu kwenye shamba la maua Naivasha anatulazimisha wasichana tulale naye', category: 'gbv', area: 'KE-31-02', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'учителя в Кадамжае поймали на растлении ученицы', category: 'gbv', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'муж облил жену кипятком в Папане', category: 'gbv', area: 'KG-O-01-02', urgent: true, ask: null, language: 'ru' },
  // IDs sold to politicians is the election; a lost ID is not.
  { from: KE, text: 'watu wanauza vitambulisho vyao kwa wanasiasa Kolwa East', category: 'electoral', area: 'KE-17-03-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'nimepoteza kitambulisho changu', category: null, area: null, urgent: false, ask: 'area', language: 'en' },
  // Armed men on their way to a place is a threat, and urgent; "бир топ" (a group) is no gang ("топ").
  { from: KE, text: 'a group of men with bows and arrows is moving towards Ribkwo', category: 'threat', area: 'KE-01-01-03', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'группа мужчин с ружьями идет к Кок-Ташу', category: 'threat', area: 'KG-B-02-02', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'мылтыктуу бир топ эркектер Кок-Ташты көздөй баратат', category: 'threat', area: 'KG-B-02-02', urgent: true, ask: null, language: 'ky' },
  // An ultimatum ("or be killed") is a threat whoever it names; a widow beaten for refusing to be inherited is GBV.
  { from: KE, text: 'a teacher in Mandera East was told to stop teaching girls or be killed', category: 'threat', area: 'KE-24-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'mjane Alego Usonga amepigwa na wakwe kwa kukataa kurithiwa', category: 'gbv', area: 'KE-38-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'tumepata ujumbe kwamba maduka yetu Biashara yatachomwa tukifungua siku ya uchaguzi', category: 'threat', area: 'KE-31-01-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'девочки в Лейлеке боятся ходить в школу потому что таксисты к ним пристают', category: 'gbv', area: 'KG-B-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'жардам бергиле, Нариманда бизге кол салып жатышат', category: 'violence', area: 'KG-O-01-01', urgent: true, ask: null, language: 'ky' },
  { from: KE, text: 'boda riders burned a car after an accident at Kondele', category: 'violence', area: 'KE-17-01-05', urgent: false, ask: null, language: 'en' },
  // Good news and everyday events (a borehole working again, a church fundraiser) are no land or faith report;
  // a fight in the same message still is.
  { from: KE, text: 'the borehole in Golbo is working again, thanks to the county', category: 'other', area: 'KE-25-01-04', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'harambee ya kanisa Langas jumapili kujenga darasa jipya', category: 'other', area: 'KE-44-02-05', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'the borehole in Golbo is working again but two clans are fighting over it', category: 'resource_dispute', area: 'KE-25-01-04', urgent: false, ask: null, language: 'en' },
  // Saying a faith must not be given work, or singing against a people, is hate speech.
  { from: KE, text: 'some church leaders in Imenti North say muslims should not be given jobs', category: 'hate_speech', area: 'KE-26-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'на митинге в Базар-Коргоне пели песни против узбеков', category: 'hate_speech', area: 'KG-J-02', urgent: false, ask: null, language: 'ru' },
  // "застрелили" (shot dead) is violence and urgent.
  { from: KG, text: 'в Узгене застрелили водителя сегодня утром', category: 'violence', area: 'KG-O-02', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'imams and pastors of Likoni held a joint prayer for peace today', category: 'other', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  // The tuning half's incidents told in other words: a knife fight ("поножовщина"), abuse ("надругались"), notes demanding people leave.
  { from: KG, text: 'на базаре в Аксае поножовщина, двое раненых', category: 'violence', area: 'KG-B-02-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'в Нарымане ночью надругались над соседкой, ей плохо', category: 'gbv', area: 'KG-O-01-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'в Кулунду людям подкинули записки с требованием уехать', category: 'threat', area: 'KG-B-01-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'на границе у Арки подрались кыргызы с таджиками, есть погибшие', category: 'ethnic_religious', area: 'KG-B-01-01', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'whatsapp group in Naivasha telling luos to pack and go', category: 'hate_speech', area: 'KE-31-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'letters dropped at houses in Langas ordering tenants out', category: 'threat', area: 'KE-44-02-05', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'chaos in nyalenda A after results were announced', category: 'electoral', area: 'KE-17-03-04', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'Кулундуда үйлөргө көчүп кеткиле деген каттарды таштап кетишти', category: 'threat', area: 'KG-B-01-02', urgent: false, ask: null, language: 'ky' },
  // SMS shorthand spelled out (keywords.yaml shorthand) and letters typed over and over read once.
  { from: KE, text: 'thy r sayin on fb tht kikuyus shld go bak home, naivasha', category: 'hate_speech', area: 'KE-31-02', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'HELPPP fighting at Kondele', category: 'violence', area: 'KE-17-01-05', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'СРОЧНОООО драка в Оше щас', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  // A threat over land is a threat (threat prevails over a land dispute's words).
  { from: KG, text: 'в Тюпе угрожают пастухам чтоб ушли с пастбища', category: 'threat', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'nyumba imechomeka Kamagut usiku', category: 'violence', area: 'KE-44-01-03', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в Тюпе угнали скот у фермера', category: 'violence', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Нарыне похитили невесту', category: 'gbv', area: 'KG-N', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'в Сузаке шантажируют учителя', category: 'threat', area: 'KG-J-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'posters in Kapsoya calling for violence against the other community', category: 'hate_speech', area: 'KE-44-03-03', urgent: false, ask: null, language: 'en' },
  // A place of worship attacked is a religious matter; a widow driven off her land by her in-laws is GBV.
  { from: KE, text: 'a mob attacked the mosque in Kiminini during prayers', category: 'ethnic_religious', area: 'KE-42-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'толпа напала на мечеть в Барпы во время намаза', category: 'ethnic_religious', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'a widow in Siaya chased from her land by her in-laws', category: 'gbv', area: 'KE-38', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'mvulana amelawitiwa na mwalimu wake Kiharu', category: 'gbv', area: 'KE-29-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'пастор в Бишкеке настраивает свою церковь против мусульман', category: 'hate_speech', area: 'KG-GB', urgent: false, ask: null, language: 'ru' },
  // A livestock raid ("барымта") and a border conflict are land disputes; border guards ("пограничники") are not.
  // "барымта" is Russian and Kyrgyz: a letter only Kyrgyz has ("үч", three) makes the reply Kyrgyz.
  { from: KG, text: 'Ат-Башыда барымта болду, үч жылкыны айдап кетишти', category: 'resource_dispute', area: 'KG-N-01', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'пограничный конфликт в Баткене', category: 'resource_dispute', area: 'KG-B', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'всё нормально в Кок-Таше, пограничники поговорили, люди разошлись', category: 'other', area: 'KG-B-02-02', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'police brutality in Mathare again', category: 'violence', area: 'KE-30-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'early marriage of a 14 year old girl in Mandera East', category: 'gbv', area: 'KE-24-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'inter-clan fighting in Wajir East', category: 'ethnic_religious', area: 'KE-46-01', urgent: false, ask: null, language: 'en' },
  // "They are stealing our jobs" said of a people is hate speech; "you will die" written on a door a threat ("he will die" is not).
  { from: KE, text: 'leaders in Kapsaos say the other tribe is stealing our jobs', category: 'hate_speech', area: 'KE-44-01-05', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Ноокене говорят что узбеки отнимают у нас работу', category: 'hate_speech', area: 'KG-J-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'кто-то написал на моей двери что я умру, Узген', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Папане ночью зарубили мужчину топором', category: 'violence', area: 'KG-O-01-02', urgent: true, ask: null, language: 'ru' },
  // Neighbours quarrelling ("wanagombana") over a mosque's loudspeaker is a religious matter, as in English.
  { from: KE, text: 'majirani Shika Adabu wanagombana kuhusu kipaza sauti cha msikiti', category: 'ethnic_religious', area: 'KE-28-01-02', urgent: false, ask: null, language: 'sw' },
  // Typos: two letters swapped ("figthing", "sholud"), a letter typed twice ("драака"); not in Kyrgyz, whose
  // doubled letters are real ("ортосунда", in the middle, is no "өрттө", to burn).
  { from: KE, text: 'there is figthing in Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'they are saying on whatsapp that luos sholud go home, in Naivasha', category: 'hate_speech', area: 'KE-31-02', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'тут драака, Ош', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // An urgent word with a typo is urgent still ("hopsital"); "amekuja" (has come) is no typo of "amekufa" (has died).
  { from: KE, text: 'gang rape reported in Kiamaiko, victim at hopsital', category: 'gbv', area: 'KE-30-03-06', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'majirani Turi wanagombana juu ya mfereji wa maji, mmoja amekuja na fimbo', category: 'resource_dispute', area: 'KE-31-03-03', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Ноокенде мечит куруу боюнча эки жамааттын ортосунда чыр', category: 'ethnic_religious', area: 'KG-J-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'в Араване пьяные парни устроили резню у кафе, двое в тяжелом состоянии', category: 'violence', area: 'KG-O-03', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'в Кадамжае спорят сунниты и шииты из-за мечети', category: 'ethnic_religious', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  // A threat to burn, in the infinitive or the future, is a threat: "сожгли" (burned) is the deed.
  { from: KG, text: 'председателю в Барпы обещают сжечь дом если не уйдет', category: 'threat', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  // Someone unconscious is urgent in every language ("amepoteza fahamu", "эси жок").
  { from: KE, text: 'mwanaume amempiga mkewe kwa fimbo Mabatini, amepoteza fahamu', category: 'gbv', area: 'KE-30-03-02', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'Папанда күйөөсү аялын таяк менен урду, эси жок жатат', category: 'gbv', area: 'KG-O-01-02', urgent: true, ask: null, language: 'ky' },
  // A boss groping a worker is gender-based violence, not a threat for his "I will fire you" ("atanifuta",
  // he will fire me, is the future of "futa", not "tafuta", to look for someone).
  { from: KE, text: 'my boss in Woodley keeps touching me and says he will sack me if i refuse', category: 'gbv', area: 'KE-30-01-04', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'bosi wangu Woodley ananishika shika na anasema atanifuta kazi nikikataa', category: 'gbv', area: 'KE-30-01-04', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'начальник в Исфане постоянно лапает меня и грозит уволить если откажу', category: 'gbv', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Исфанада жетекчим мени дайыма кармалайт, макул болбосоң жумуштан кетирем дейт', category: 'gbv', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ky' },
  // A church and a mosque quarrelling is a religious matter in Kyrgyz too; posters telling foreigners to go home are hate speech.
  { from: KG, text: 'Ноокендо чиркөө менен мечит үн күчөткүчтөр үчүн урушуп жатат', category: 'ethnic_religious', area: 'KG-J-03', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'posters on walls in Kiminini saying foreigners go home', category: 'hate_speech', area: 'KE-42-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше на стенах расклеили плакаты: приезжие, убирайтесь домой', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'wavuvi wa fuo mbili wanagombania eneo la kuvua samaki Shanzu', category: 'resource_dispute', area: 'KE-28-02-07', urgent: false, ask: null, language: 'sw' },
  // A district named with its region ("на Иссык-Куле в Тюпе") is the district, however many words the region's name has.
  { from: KG, text: 'рыбаки двух сел спорят за места для ловли на Иссык-Куле в Тюпе', category: 'resource_dispute', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  // Calling people second-class citizens is hate speech in every language; insulting Muslims on walls is
  // hate speech, not a typo of "waturkana" (a Turkana people); a husband insulting his wife stays domestic.
  { from: KE, text: 'MCA on local TV said people from Nandi are second class citizens', category: 'hate_speech', area: 'KE-32', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'maandishi ya kuwatukana waislamu yameandikwa kwenye kuta Magogoni', category: 'hate_speech', area: 'KE-28-02-06', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'Dada yangu anateswa na mumewe, anamtukana na kumpiga akilewa, Lindi', category: 'gbv', area: 'KE-30-01-02', urgent: false, ask: null, language: 'sw' },
  // "Таластыктар" (people of Talas) names Talas: a Kyrgyz "one from…" suffix is taken off like a case.
  { from: KG, text: 'депутат жергиликтүү телевизордон Таластыктар экинчи сорттогу адамдар деди', category: 'hate_speech', area: 'KG-T', urgent: false, ask: null, language: 'ky' },
  // Saying they will come back with guns is a threat; boundary stones moved are a land dispute, not stones thrown.
  { from: KG, text: 'ушли и сказали что вернутся ночью с оружием, Самаркандек', category: 'threat', area: 'KG-B-02-03', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'wameondoka wakisema watarudi usiku na bunduki, Churo Amaya', category: 'threat', area: 'KE-01-01-07', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'в Кулунду ночью кто-то передвинул межевые камни нашего участка', category: 'resource_dispute', area: 'KG-B-01-02', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'the upper village blocked the canal and our fields in Kiminini are drying', category: 'resource_dispute', area: 'KE-42-01', urgent: false, ask: null, language: 'en' },
  // Someone in a serious condition, people hurt: urgent in Kyrgyz ("абалы оор", "жабыркады").
  { from: KG, text: 'Сокулуктун жолунда түнкүсүн бандиттер автобусту тоноп, айдоочуну атып кетишти, абалы оор', category: 'violence', area: 'KG-C-02', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'Коктоштогу шайлоо участогуна кол салып, бюллетендерди өрттөштү, үч киши жабыркады', category: 'electoral', area: 'KG-B-02-02', urgent: true, ask: null, language: 'ky' },
  // A word inside a longer phrase of another category is the phrase's: cattle rustlers shooting a herder
  // are violence, not a livestock dispute for "cattle" ("угонщики скота": "скот").
  { from: KE, text: 'cattle rustlers shot a herder at Kamagut this morning', category: 'violence', area: 'KE-44-01-03', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'угонщики скота застрелили пастуха в Ат-Башы сегодня утром', category: 'violence', area: 'KG-N-01', urgent: true, ask: null, language: 'ru' },
  // What Kiswahili already read ("vita", "kashfa", "kisima", "wanamtafuta"), the other languages read too.
  { from: KE, text: 'it is like war in Mathare, people running everywhere', category: 'violence', area: 'KE-30-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'MCA slandering the Luo community at a rally in Kibra', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Кара-Суу настоящий беспредел, мародеры повсюду', category: 'violence', area: 'KG-O-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'соседи не поделили колодец в Арке', category: 'resource_dispute', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше его ищут какие-то люди, вы еще увидите говорят', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // "may" is an English small word, not the Spanish stem of "mayas" (a Maya people): there may be an attack is a threat.
  { from: KE, text: 'there may be an attack in Kibra tonight', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // Cattle stolen are violence in every language (the livestock word only points to a dispute); bandits too.
  { from: KE, text: 'theft of cattle in Tirioko last night', category: 'violence', area: 'KE-01-01-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'кража скота в Ат-Башы, бандиты ушли в горы', category: 'violence', area: 'KG-N-01', urgent: false, ask: null, language: 'ru' },
  // A stem of two letters says nothing: "бой" (a fight) is not "боятся" (they fear, stem "бо"), "им" (them) not
  // "имам". A Kyrgyz stem takes no typo on top of its lost endings: "паспорта" is no "пастор".
  { from: KG, text: 'в Оше идет бой', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Барпы проверяют паспорта', category: null, area: 'KG-J-01-01', urgent: false, ask: 'category', language: 'ru' },
  { from: KG, text: 'в Барпы скупают паспорта у людей', category: 'electoral', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  // Short reports probed in every language for what another language already read: fights ("разборки",
  // "стычки"), extortion and being followed (threats), discrimination and slurs (hate speech), someone missing.
  { from: KG, text: 'в Оше разборки между парнями', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'стычки между жителями двух сел в Оше', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше вымогают деньги у торговцев', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'they are following us in Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'discrimination against Somalis in Kibra', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'they call the teacher a monkey in Kibra', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'a young man went missing in Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // Two clans fighting is an inter-clan matter, as "koo mbili" always was in Kiswahili (a strong cue: over
  // grazing land or a borehole, it stays a land dispute); demands to leave and stalking are threats in Kyrgyz.
  { from: KE, text: 'two clans fighting in Wajir East', category: 'ethnic_religious', area: 'KE-46-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Boundary conflict Moyale between clans over grazing land', category: 'resource_dispute', area: 'KE-25-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Тюпе драка между двумя родами', category: 'ethnic_religious', area: 'KG-Y-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто айылдан кеткиле деп талап кылышат', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Ошто бизди аңдып жүрүшөт', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Ошто малды айдап кетишти', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // "ногами" (with feet) is a real word one letter from "ножами" (knives): keywords.yaml not_typos keeps it
  // from being read as a knife attack, and urgent. What Kyrgyz read, Russian reads too ("убью", "езжайте на родину").
  { from: KG, text: 'в Оше его пинали ногами', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'сказал что убью тебя, Ош', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'подделали протоколы в Оше', category: 'electoral', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше кричат узбекам езжайте на родину', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // Kiswahili real words one letter from a keyword (not_typos): "darasa la pili" (class two) is no "daraja
  // la pili" (second class, a slur); "kampuni" (a company) no "kampeni" (a campaign).
  { from: KE, text: 'mwanafunzi wa darasa la pili Kibra amepigwa', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'walinzi wa kampuni wamepigana Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  // "=panga" in flows/: the machete is matched as written, never as the stem of "wanapanga" (they plan), which
  // made a plan urgent and violent. Claims that a faith wants the country and "must be stopped" are hate speech.
  { from: KE, text: 'mchungaji Likoni anasema waislamu wanapanga kuchukua nchi na lazima wazuiwe', category: 'hate_speech', area: 'KE-28-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'a pastor in Likoni says muslims are planning to take over the country and must be stopped', category: 'hate_speech', area: 'KE-28-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'имам в Сузаке говорит что христиане хотят захватить страну и их надо остановить', category: 'hate_speech', area: 'KG-J-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'MP told a crowd in Narok North that the other tribe are visitors who must go', category: 'hate_speech', area: 'KE-33-01', urgent: false, ask: null, language: 'en' },
  // A letter with a bullet is a threat; a child inside a burning house is urgent; a pond is a water dispute.
  { from: KG, text: 'активисту в Нарыне прислали письмо с пулей внутри', category: 'threat', area: 'KG-N', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Кара-Суу подожгли дом, внутри остался ребенок', category: 'violence', area: 'KG-O-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'два села в Лейлеке дерутся из-за пруда', category: 'resource_dispute', area: 'KG-B-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'молодым платят чтобы сорвать митинг оппозиции в Таласе завтра', category: 'electoral', area: 'KG-T', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'vijana wamelipwa kuvuruga mkutano wa upinzani Kapenguria kesho', category: 'electoral', area: 'KE-47-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'jirani yangu anamfungia mkewe ndani na kumpiga kila usiku, Mabatini', category: 'gbv', area: 'KE-30-03-02', urgent: false, ask: null, language: 'sw' },
  // "=kuwatukana" (insulting them, a people) is hate speech as written, where "anamtukana" (insults her) is not,
  // and no typo of "waturkana"; a Kyrgyz warning ("эскертишти") is a threat, as "warned" is in English.
  { from: KE, text: 'kiongozi wa vijana Mjambere anasambaza jumbe za kuwatukana waluo', category: 'hate_speech', area: 'KE-28-02-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Аркада куралдуу кишилер мугалимдерге мектепти ачпагыла деп эскертишти', category: 'threat', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ky' },
  // Warnings of what is to come are threats in every language: names on a list, "they will come for us",
  // machetes being sharpened, youths mobilised to attack, fear of revenge.
  { from: KE, text: 'our names are on a list in Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'there is fear of revenge attacks in Kibra', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'ночью придут за нами, Ош', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше собирают молодежь чтобы напасть', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // Two letters swapped in a five-letter word, as typed, is a typo too ("figth", "драак"); a real English or
  // Spanish word one swap away is not.
  { from: KE, text: 'there is a figth in Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'тут драак, Ош', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // A slip in an inflected word (a letter typed twice or dropped, two swapped) is undone before the word is
  // stemmed: "clashnig" is "clashing", "гоолоса" "голоса", "призвыают" "призывают", "amepiwga" "amepigwa",
  // "избираательном" "избирательном", "браакчаларда" "баракчаларда"; "талакердин" is a keyword's form with a
  // letter left out.
  { from: KE, text: 'youths clashnig in Kibera since morning', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Mwizi amepiwga na umati hadi kufa Kiamaiko', category: 'violence', area: 'KE-30-03-06', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в Араване раздают деньги за гоолоса у школы', category: 'electoral', area: 'KG-O-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в соцсетях призвыают выгнать китайцев из Нарына', category: 'hate_speech', area: 'KG-N', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'На избираательном участке в Ат-Баши наблюдателей не пустили', category: 'electoral', area: 'KG-N-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто браакчаларда өзбектерди террорист деп жазышкан', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Базар-Коргондо эки талакердин тарапкерлери базарда мушташты', category: 'electoral', area: 'KG-J-02', urgent: false, ask: null, language: 'ky' },
  // An urgent word too ("сртеляла", shot at): the committee is alerted.
  { from: KG, text: 'милиция сртеляла по протестующим после итогов выборов в Бишкеке', category: 'electoral', area: 'KG-GB', urgent: true, ask: null, language: 'ru' },
  // ...but a slip is undone only into a word of six letters or more ("топтор", groups, is "топор", an axe,
  // with a letter out: a false alert), nor is a Latin word from a country that types Russian in Latin
  // repaired into a Spanish keyword ("mitinge" is "митинге", at a rally, not a slip of "mitin").
  { from: KG, text: 'Кадамжайда диний топтор бири-бирин каапыр деп урушуп жатышат', category: 'ethnic_religious', area: 'KG-B-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'militsiya ranila parnya na mitinge v Bishkeke, on v bolnitse', category: 'violence', area: 'KG-GB', urgent: true, ask: null, language: 'ru' },
  // A place's name with a typo: two letters swapped are one slip ("Lnagas"); the first word of a longer name
  // typed wrong ("Kaabonyo" of Kabonyo Kanyagwal); a whole name of two words with a typo over the places its
  // last word merely starts ("Nakruu East" is Nakuru East, not East Pokot); in Russian and Kyrgyz, a declined
  // name with a typo ("в Аравнае", "Ноокедне"), as the cases are endings and not a last letter off.
  { from: KE, text: 'Warning letters left at doors in Lnagas telling tenants to vacate', category: 'threat', area: 'KE-44-02-05', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'dispute over farm boundaries in Kaabonyo, elders failed to agree', category: 'resource_dispute', area: 'KE-17-02-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'they say they will burn our homes if we support the opponent, Nakruu East', category: 'threat', area: 'KE-31-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'неизвестные угрожают журналистам в Аравнае', category: 'threat', area: 'KG-O-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ноокедне жер талаш болуп жатат', category: 'resource_dispute', area: 'KG-J-03', urgent: false, ask: null, language: 'ky' },
  // A short name typed with a slip and declined: the stem left is four letters, the word typed five or more
  // ("в Нарне", Нарын; "в Узгнее", Узген; "Тласта", Талас). It had been read as no place, the reporter asked.
  { from: KG, text: 'в Нарне подрались двое', category: 'violence', area: 'KG-N', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Узгнее угрожают журналисту', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Тласта жигиттер мушташты', category: 'violence', area: 'KG-T', urgent: false, ask: null, language: 'ky' },
  // A Kyrgyz case ending typed with a slip after a name typed right ("Нарынад", -да swapped; "Өзгөндөггү",
  // -дөгү with a letter twice): the name, matched exactly. It had been read as no place.
  { from: KG, text: 'Нарынад эки жигит мушташты', category: 'violence', area: 'KG-N', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Өзгөндөггү базарда уруш чыкты', category: 'violence', area: 'KG-O-02', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Ноокенод малчылар жайыт үчүн талашып жатат', category: 'resource_dispute', area: 'KG-J-03', urgent: false, ask: null, language: 'ky' },
  // A Russian name in -а or -й declined with a slip in its stem ("в Исфне", "в Ифсане": Исфана loses its
  // -а, so the slip was two edits from the name): the stem with the vowel put back, one slip from it.
  { from: KG, text: 'в Исфне подрались парни', category: 'violence', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'соседи в Ифсане угрожают учителю', category: 'threat', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ru' },
  // A capitalised word read only as a keyword with a slip may be a place's name typed so ("Kimininni" had been
  // "kidini", religious, and named no place): the place's, when it names one.
  { from: KE, text: 'youths fighting in Kimininni market', category: 'violence', area: 'KE-42-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'mtu ametishia kuchoma msikiti Kiminnini', category: 'threat', area: 'KE-42-01', urgent: false, ask: null, language: 'sw' },
  // Fear of an attack is a threat, wherever it is feared ("near the dam", "у канала" had made it a water
  // dispute, "нападения" violence). Livestock thieves and goats stolen are violence
  // ("wezi wa mifugo", like "cattle rustlers"; "wameibiwa", were stolen). An observer driven out of the polling
  // station is the election's; youths with sticks, violence.
  { from: KE, text: 'herders near the dam in Kibra fear a raid', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // "will", "would", "might" before an urgent word: it has not happened (a threat for the day's summary); an
  // urgent word of its own ("bleeding") still alerts.
  { from: KE, text: 'the chairman of Kibra got an sms saying he will be killed on sunday', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'a man is bleeding in Kibra and will die if nobody comes', category: null, area: 'KE-30-01', urgent: true, ask: 'category', language: 'en' },
  { from: KG, text: 'люди у канала в Оше боятся нападения', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто арыктын жанында эл кол салуудан коркуп жатат', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: "wezi wa mifugo wamechukua ng'ombe wa jirani Kibra", category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'mbuzi wameibiwa Kibra usiku wa kuamkia leo', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Ошто байкоочуну участоктон кууп чыгышты', category: 'electoral', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Ошто базарда жигиттер таяк менен бир кишини кубалашты', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // A call not to buy from a people or a faith is hate speech; a swastika too. ID cards bought up are the
  // election's; "знают где живет" (they know where … lives), a threat. A woman beaten by thugs is violence ("woman"
  // is no cue of gender-based violence: nothing says who she is to them); a stepfather beating his stepdaughter is.
  { from: KE, text: 'the pastor in Kibra told his church not to buy from somali shops', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше на доме соседей нарисовали свастику', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'ID cards being bought from jobless youths in Kibra', category: 'electoral', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'журналисту в Оше написали что знают где живет его семья', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'thugs beat a woman at Kibra market and took her phone', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше отчим избивает падчерицу', category: 'gbv', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // Shops marked with red paint are a threat to their owners, whoever they are ("marked with an X" is not
  // one: ballots are marked so); sex demanded for marks or from a
  // worker is gender-based violence; "узбеки вон" (Uzbeks out) on a fence and "wasiajiriwe" (should not be
  // employed) of a people are hate speech; Orthodox and Muslims celebrating together, "все мирно", an all-clear.
  { from: KE, text: 'the shops of Somali traders in Kibra were marked with red paint', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'ballot papers marked with an X were found in a bag in Kibra', category: 'electoral', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'мы не знаем где участок в Оше', category: null, area: 'KG-GO', urgent: false, ask: 'category', language: 'ru' },
  { from: KE, text: 'I dont know where his office is in Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  { from: KE, text: 'a lecturer in Kibra is asking students for sex in exchange for marks', category: 'gbv', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'начальник в Оше требует секса от сотрудницы', category: 'gbv', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше на заборе написали узбеки вон', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'viongozi wa Kibra wanasema wakikuyu wasiajiriwe', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в Оше православные и мусульмане вместе отметили праздник, все мирно', category: 'other', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // A people named is who, not what about: one keeping others from water is a water dispute ("tribe",
  // "национальности" are strong cues, not keywords); two of them fighting stay an ethnic matter. A shop that
  // "will disappear" is a threat; a church's windows broken, the church's matter; forced cohabitation, GBV.
  { from: KG, text: 'в Оше жители одной национальности не пускают других к роднику', category: 'resource_dispute', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'people of one tribe are blocking others from the water point in Kibra', category: 'resource_dispute', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'two tribes fighting in Kibra', category: 'ethnic_religious', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'Ошто эки улуттун жаштары мушташып жатышат', category: 'ethnic_religious', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'the chairman of Kibra was told his shop will disappear if he talks', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше разбили окна в церкви', category: 'ethnic_religious', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'начальник в Оше принуждает сотрудницу к сожительству', category: 'gbv', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // Revenge vowed is a threat, whatever violence it answers; "should be chased away" said of a people, hate
  // speech; an election that "went peacefully" ("прошли спокойно", "тынч өттү"), an all-clear.
  { from: KE, text: 'after the clashes in Kibra the youths vowed revenge', category: 'threat', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'Ошто жигиттер өч алабыз деп жатышат', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'в Оше парни говорят что отомстят за брата', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'the chief in Kibra says the Luo should be chased away', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'the by-election in Kibra went peacefully', category: 'other', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше выборы прошли спокойно', category: 'other', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто шайлоо тынч өттү', category: 'other', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // Kiswahili writes no consonant double: one typed twice ("wannatishia") is read as the word it slipped from.
  { from: KE, text: 'watu wasiojulikana wannatishia waandishi wa habari Garissa', category: 'threat', area: 'KE-07', urgent: false, ask: null, language: 'sw' },
  // Russian in Latin letters loses the soft sign and writes "э" as "e" ("strelba", "mezhetnicheskie"): the
  // keywords match without them too, as they do Cyrillic typed in a hurry ("стрелба").
  { from: KG, text: 'Pomogite, strelba v Kara-Suu vozle akimiata', category: 'violence', area: 'KG-O-01', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'mezhetnicheskie stolknoveniya v Nookene', category: 'ethnic_religious', area: 'KG-J-03', urgent: false, ask: null, language: 'ru' },
  // "You are next" is a threat; calling for a people to be killed is hate speech, not an emergency's "killed";
  // in-laws beating a pregnant woman is gender-based violence; "=waondoke" (they must leave, a slogan) as
  // written, so "tuondoke" (we were told to leave) is a threat, not hate speech.
  { from: KE, text: "someone wrote 'you are next' on the chief's house in Ngei", category: 'threat', area: 'KE-30-03-04', urgent: false, ask: null, language: 'en' },
  { from: KG, text: "кто-то написал 'ты следующий' на доме главы айыла в Барпы", category: 'threat', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'он написал в фейсбуке что всех таджиков надо убить, Баткен', category: 'hate_speech', area: 'KG-B', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'ал фейсбукка бардык тажиктерди өлтүрүш керек деп жазды, Баткен', category: 'hate_speech', area: 'KG-B', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'Wanaume wasiojulikana wametuambia tuondoke Mtongwe ndani ya siku tatu au watatuua', category: 'threat', area: 'KE-28-01-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в Сокулуке парни перекрыли дорогу и требуют деньги с водителей', category: 'threat', area: 'KG-C-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Нарыне толпа убила старика, говорили что он колдун', category: 'violence', area: 'KG-N', urgent: true, ask: null, language: 'ru' },
  // Supporters of two parties fighting is the election's; a polling station closed early too.
  { from: KE, text: 'supporters of two parties fighting in Kibra', category: 'electoral', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'сторонники двух партий дерутся в Оше', category: 'electoral', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'участок закрыли раньше времени в Оше, людей не пустили', category: 'electoral', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: "people's IDs are being collected by a politician in Kibra", category: 'electoral', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  // Women beaten for going out alone is gender-based violence ("women", like "woman", a cue); calling for
  // people to be stoned is hate speech; an uncle touching a child, squatters' houses demolished.
  { from: KE, text: 'women are beaten for going to the market alone in Kibra', category: 'gbv', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'the pastor said homosexuals should be stoned in Kibra', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'дядя трогает меня по ночам, Ош', category: 'gbv', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Оше сносят дома самовольщиков', category: 'resource_dispute', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // English words read through a Spanish keyword's short stem: "hired" is no "hirieron" (they wounded,
  // urgent), "mine" (of mine) no "mina"; such keywords are written "=hirieron", "=mina" in flows/.
  { from: KE, text: 'goons have been hired to cause chaos in Kibra', category: 'violence', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'a friend of mine lives in Kibra', category: null, area: 'KE-30-01', urgent: false, ask: 'category', language: 'en' },
  // Telling people not to sell land to another people, or that they steal our land, is hate speech, not a
  // land dispute; houses marked with paint are a threat; "собираются напасть" (they mean to attack) too.
  { from: KE, text: 'the MCA is telling people not to sell land to people from other tribes, Kabartonjo', category: 'hate_speech', area: 'KE-01-02-02', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'ведущий радио в Таласе постоянно говорит что соседи воруют нашу землю', category: 'hate_speech', area: 'KG-T', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'strangers have been seen marking houses with red paint in Mathare', category: 'threat', area: 'KE-30-03', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'в Оше неизвестные помечают дома красной краской', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'говорят что молодежь собирается напасть на отдел милиции в Узгене', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  // Where categories meet: a mosque stoned is a religious matter (as "stoned the mosque" was); police
  // teargassing the opposition's supporters is the election's; "land belongs only to our tribe" is hate speech.
  { from: KE, text: 'a mosque was stoned by unknown people in Kibra', category: 'ethnic_religious', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'police teargassed supporters of the opposition in Kibra', category: 'electoral', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'the chief says land in Kibra belongs only to our tribe', category: 'hate_speech', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'he was stabbed by his girlfriend in Kibra', category: 'gbv', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  // An explosion or a bomb is violence and urgent in every language (none of them was read before);
  // Russian slang for a brawl ("махач", "замес") and for leaning on someone ("наехали", "прессуют").
  { from: KE, text: 'explosion at the market in Kibra', category: 'violence', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'mlipuko sokoni Kibra', category: 'violence', area: 'KE-30-01', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'в Оше взрыв на рынке', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто базарда жарылуу болду', category: 'violence', area: 'KG-GO', urgent: true, ask: null, language: 'ky' },
  { from: KG, text: 'в Оше был махач между пацанами', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'на нас наехали какие-то люди в Оше', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  // A dispute without what it is over ("dispute", "талаш", "mgogoro": strong cues of a land dispute, no longer
  // keywords) yields to the faiths or peoples quarrelling; a dispute over a border stays a land dispute.
  { from: KE, text: 'dispute between the mosque committee and a church over the old community hall in Timbwani', category: 'ethnic_religious', area: 'KE-28-01-04', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'Сокулукта имам менен пастор көмүү жери үчүн талашып жатат', category: 'ethnic_religious', area: 'KG-C-02', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'два народа дерутся в Ат-Баши после похорон, дома подожгли', category: 'ethnic_religious', area: 'KG-N-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'Kuna mgogoro wa mpaka kati ya Turkana na Pokot huko Kolowa', category: 'resource_dispute', area: 'KE-01-01-02', urgent: false, ask: null, language: 'sw' },
  // A people told it must go is hate speech ("кетиш керек"; "kabila liondoke", with the group noun's own
  // agreement: "=liondoke" as written, so "tuondoke", we were told to leave, stays a threat); "кол салабыз"
  // (we will attack) is a threat.
  { from: KG, text: 'Лейлектеги базарда башка эл кетиш керек деген плакаттар илинип турат', category: 'hate_speech', area: 'KG-B-01', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'mabango sokoni Ngeria yanasema kabila lingine liondoke', category: 'hate_speech', area: 'KE-44-02-03', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Исфанадан көчүп кетпесеңер кол салабыз деген смс келип жатат', category: 'threat', area: 'KG-B-01-03', urgent: false, ask: null, language: 'ky' },
  // A threat said as what will follow: being found, looked for, regretting it ("we will find your children",
  // "nos van a buscar", "пожалеем", "табабыз", "atatafutwa").
  { from: KE, text: 'a journalist in Nyeri Town told he will be found if he keeps writing', category: 'threat', area: 'KE-36-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'mwanahabari Nyeri Town ameambiwa atatafutwa akiendelea kuandika', category: 'threat', area: 'KE-36-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'журналисту из Оша пишут что найдут его детей', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'сказали что если не уедем до пятницы то пожалеем, это в Кулунду', category: 'threat', area: 'KG-B-01-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Оштогу журналиска балдарыңды табабыз деп жазышты', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // "кийинкисиң" (you are next) folds to three i's in a row: a letter typed over and over is undone before
  // folding, or the keyword could never be found; matched as written, so "кийинки" (next) alone is no threat.
  { from: KG, text: 'белгисиз номерден сен кийинкисиң деп жазышты, Базар-Коргон', category: 'threat', area: 'KG-J-02', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'тынчтык комитетинин кийинки жыйыны качан болот, Базар-Коргон', category: null, area: 'KG-J-02', urgent: false, ask: 'category', language: 'ru' },
  // "I am from …" in Kyrgyz: the predicate "-мын/-мун" after the place's ending ("Базар-Коргондонмун").
  { from: KG, text: 'белгисиз номерден сен кийинкисиң деп жазышты. мен Базар-Коргондонмун', category: 'threat', area: 'KG-J-02', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'мен Оштонмун, кечээ бизди коркутушту', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // "I am next", a mark or a word written on our door, a people called animals.
  { from: KE, text: 'got sms from unknown number saying i am next. im in Biashara', category: 'threat', area: 'KE-31-01-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'mtu amechora alama nyekundu kwenye mlango wetu Mlango Kubwa na kuandika ondokeni', category: 'threat', area: 'KE-30-03-05', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в тиктоке блогер из Оша называет узбеков собаками, уже много репостов', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'тиктокто Оштук блогер өзбектерди ит деп атап жатат', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  // "…, nobody hurt" in a clause of its own speaks for the whole message: the shots it reports are no
  // danger now. A negation elsewhere still undoes only its own clause ("no ambulance, two injured").
  { from: KE, text: 'shots fired at night near the market in Kolowa, nobody hurt', category: 'violence', area: 'KE-01-01-02', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'ночью у погранпоста в Арке стреляли, никто не пострадал', category: 'violence', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Кок-Ташта түнү активисттин үйүн өрттөп жиберишти, эч ким жабыр тарткан жок', category: 'violence', area: 'KG-B-02-02', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'no ambulance yet, two people injured in Kibra', category: 'violence', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  // Paying a gang every week is extortion, a threat; "they will come to burn" a threat, not the burning;
  // an observer beaten at a polling station is the election's; a girl dragged into a car is in danger now.
  { from: KE, text: 'traders at Flamingo market forced to pay a gang every week', category: 'threat', area: 'KE-31-01-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'wanasema usiku huu watakuja kuchoma nyumba za wakikuyu Molo', category: 'threat', area: 'KE-31-03', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'в Узгене говорят что ночью придут жечь дома узбеков', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Кара-Суу базарында соодагерлерден ар жума сайын акча талап кылышат', category: 'threat', area: 'KG-O-01', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'избили наблюдателя на участке в Ноокене', category: 'electoral', area: 'KG-J-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Лейлеке парни пристают к девушкам на улице, одну затащили в машину', category: 'gbv', area: 'KG-B-01', urgent: true, ask: null, language: 'ru' },
  // An in-law's threat is gender-based violence ("shemeji", as "in-laws"); leaflets against a people, hate speech.
  { from: KE, text: 'shemeji yangu anasema atamuua dada yangu, wanaishi Lindi', category: 'gbv', area: 'KE-30-01-02', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'vikaratasi dhidi ya wasomali vimebandikwa Garissa Township', category: 'hate_speech', area: 'KE-07-01', urgent: false, ask: null, language: 'sw' },
  // A death threat about the election is the threat, not the election ("after elections you are dead",
  // "шайлоодон кийин силер бүттүңөр").
  { from: KE, text: 'our youth in Kapsoya got sms saying after elections you are dead', category: 'threat', area: 'KE-44-03-03', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'Лейлектеги балдарыбызга шайлоодон кийин силер бүттүңөр деген смс келди', category: 'threat', area: 'KG-B-01', urgent: false, ask: null, language: 'ky' },
  // A place of worship burnt or a cemetery desecrated is a matter of faith, not only violence; two churches
  // quarrelling too, whatever over; "здесь не место" (no place here for) a people is hate speech, and
  // "место" (a place) is no "месть" (revenge); blood is urgent.
  { from: KE, text: 'a church was set on fire in Garissa Township last night', category: 'ethnic_religious', area: 'KE-07-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'the two churches in Kiminini are quarrelling over a plot and members have started fighting', category: 'ethnic_religious', area: 'KE-42-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'осквернили кладбище в Арке, разбили надгробия', category: 'ethnic_religious', area: 'KG-B-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Кадамжае пишут на заборах что русским здесь не место', category: 'hate_speech', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'в Сокулуке дерутся на свадьбе, уже кровь', category: 'violence', area: 'KG-C-02', urgent: true, ask: null, language: 'ru' },
  // A phrase written around the place ("мечеть [в Сузаке] закидали", "the church [in Kibra] was set on fire")
  // is read as the phrase; a phrase ending in the small word before the place keeps it, also where the
  // place's own name holds a category word ("идет к Кара-Суу", heading to; "суу" is water; "идет к Кок-Ташу"
  // is above). "Our plot to take our land" is no "plotting to".
  { from: KG, text: 'мечеть в Сузаке закидали камнями ночью', category: 'ethnic_religious', area: 'KG-J-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'the church in Kibra was set on fire last night', category: 'ethnic_religious', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'группа мужчин с ружьями идет к Кара-Суу', category: 'threat', area: 'KG-O-01', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'they pulled down the fence of our plot in Embakasi East to take our land', category: 'resource_dispute', area: 'KE-30-02', urgent: false, ask: null, language: 'en' },
  // Intensive care is urgent in every language ("в реанимации", "ICU", "mahututi"); two families that
  // cannot share a plot ("поделить участок") are a land dispute, not any quarrel over sharing.
  { from: KG, text: 'в Нарыне изнасиловали женщину трое мужчин, она в реанимации', category: 'gbv', area: 'KG-N', urgent: true, ask: null, language: 'ru' },
  { from: KE, text: 'a woman was raped by three men in Kibra, she is in ICU', category: 'gbv', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KG, text: 'две семьи в Кок-Таше не могут поделить участок, ругаются каждый день', category: 'resource_dispute', area: 'KG-B-02-02', urgent: false, ask: null, language: 'ru' },
  // Russian typed in Latin letters: "ts" is т + с as often as ц (the reflexive "-tsya": "derutsya",
  // дерутся, they are fighting); a short word ("ty", ты; "na", на) is read, as written, inside a phrase.
  { from: KG, text: 'v Oshe derutsya', category: 'violence', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'soseda v Narymane grozyatsya izbit iz-za dolga', category: 'threat', area: 'KG-O-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: "kto-to napisal 'ty sleduyuschiy' na dome glavy ayyla v Barpy", category: 'threat', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'v Kadamzhae pishut na zaborakh chto russkim zdes ne mesto', category: 'hate_speech', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  // Kyrgyz typed in Latin letters: "ts" is т + с ("ketsin", кетсин, let them go), "yyy" is ыйы, not a
  // letter typed over and over ("syyynuu uyun", the house of worship). A people told to leave
  // ("кеткиле деп") is hate speech unless a threat word says it is a threat's demand.
  { from: KG, text: 'nookende ozbekter ketsin dep jazyp jatat votsapta', category: 'hate_speech', area: 'KG-J-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Kadamjayda tunu syyynuu uyun orttop jiberishti', category: 'ethnic_religious', area: 'KG-B-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'Ошто өзбектерди кеткиле деп кыйкырып жатышат', category: 'hate_speech', area: 'KG-GO', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'тюпто малчыларды жайыттан кеткиле деп коркутушту', category: 'threat', area: 'KG-Y-01', urgent: false, ask: null, language: 'ky' },
  // "Убирайтесь" (get out) written on our gate is a threat; to newcomers on posters, hate speech (above).
  { from: KG, text: 'в Узгене ночью на воротах нарисовали крест и написали убирайтесь', category: 'threat', area: 'KG-O-02', urgent: false, ask: null, language: 'ru' },
  // Livestock eating a neighbour's crops is a land and resource dispute, whatever the fight; women kept
  // from voting are the election's, husbands or not; a woman beaten for her dress is gender-based
  // violence; a meeting on land registration is no incident (filed as other news).
  { from: KE, text: 'majirani wawili Kamagut wanagombana juu ya mbuzi aliyekula mahindi', category: 'resource_dispute', area: 'KE-44-01-03', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'Барпыда эки коңшу жүгөрү жеп койгон эчки үчүн урушуп жатат', category: 'resource_dispute', area: 'KG-J-01-01', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'в Ат-Башы мужья не пускают жен голосовать', category: 'electoral', area: 'KG-N-01', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: 'mwanamke amepigwa kwa kuvaa suruali Garissa Township', category: 'gbv', area: 'KE-07-01', urgent: false, ask: null, language: 'sw' },
  { from: KG, text: 'женщину избили за то что она была в брюках, Кадамжай', category: 'gbv', area: 'KG-B-03', urgent: false, ask: null, language: 'ru' },
  { from: KE, text: "chief's baraza tomorrow at Turi on land registration", category: 'other', area: 'KE-31-03-03', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'Wanawake wanaambiwa wasiende kupiga kura la sivyo watapigwa, Matayos', category: 'threat', area: 'KE-04-01', urgent: false, ask: null, language: 'sw' },
  // Other faiths called infidels by an imam is hate speech (two groups calling each other so in a fight
  // is their quarrel, above); "they will be attacked if they don't move" and "you are next" are threats, "we are
  // being attacked" ("tunashambuliwa") is violence now.
  { from: KG, text: 'Таласта мечиттин имамы башка диндегилерди каапыр деп айтты', category: 'hate_speech', area: 'KG-T', urgent: false, ask: null, language: 'ky' },
  { from: KE, text: 'watu wanapokea sms kwamba watashambuliwa wasipohama Kapsoya', category: 'threat', area: 'KE-44-03-03', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: "mtu ameandika 'wewe ni wa pili' kwenye nyumba ya chifu Ngei", category: 'threat', area: 'KE-30-03-04', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'tusaidieni tunashambuliwa Kobura', category: 'violence', area: 'KE-17-02-04', urgent: true, ask: null, language: 'sw' },
  // Notes dropped at houses telling people to move out, "көчүп кеткиле" (move away) on papers thrown at
  // houses: threats; "атышуу" (a shootout) is violence; clashes between communities, an ethnic matter.
  { from: KE, text: 'notes dropped at houses in Kapsoya telling people to move out', category: 'threat', area: 'KE-44-03-03', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'Самаркандекте үйлөргө көчүп кеткиле деген кагаздарды ыргытып кетишти', category: 'threat', area: 'KG-B-02-03', urgent: false, ask: null, language: 'ky' },
  { from: KG, text: 'жардам бергиле Өзгөндө атышуу болуп жатат', category: 'violence', area: 'KG-O-02', urgent: true, ask: null, language: 'ky' },
  { from: KE, text: 'clashes between two communities in Turbo, families running away', category: 'ethnic_religious', area: 'KE-44-01', urgent: false, ask: null, language: 'en' },
  { from: KG, text: 'коңшулар биздин жерди өз алдынча ээлеп алышты, Папан', category: 'resource_dispute', area: 'KG-O-01-02', urgent: false, ask: null, language: 'ky' },
  // An ex-husband's threat is gender-based violence, however many threat words it holds.
  { from: KG, text: 'женщине в Кок-Таше угрожает бывший муж, говорит зарежет', category: 'gbv', area: 'KG-B-02-02', urgent: false, ask: null, language: 'ru' },
  // A place's name typed with a slip in its second word is that place, not the county its first word names
  // whole ("Kajiado Centtral", "Garissa Townshiip", "Huruam Mathare").
  { from: KE, text: 'a rich man fencing off the community grazing land in Kajiado Cenntral', category: 'resource_dispute', area: 'KE-10-01', urgent: false, ask: null, language: 'en' },
  { from: KE, text: 'vikaratasi dhidi ya wasomali vimebandikwa Garissa Twnship', category: 'hate_speech', area: 'KE-07-01', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'msichana amenyanyaswa kimapenzi na mwalimu Hurma Mathare', category: 'gbv', area: 'KE-30-03-03', urgent: false, ask: null, language: 'sw' },
  // Everyday words are no places: a word only starting a name ("gari", a car, starts Garissa), a run typed
  // across a name's space ("gari la"), an ending swapped where names do not decline ("kituo", a station, is
  // no Kitui), a Kyrgyz "бара" (going) that is two letters short of Барпы, "upper" that starts Upper Savannah
  // — the reporter is asked where instead of the report going to the wrong committee; and a place typed with
  // a slip is found over such words ("kituo cha Sheeywe", "a bus near Marsbit Central").
  { from: KE, text: 'gari la polisi limechomwa usiku', category: 'violence', area: null, urgent: false, ask: 'area', language: 'sw' },
  { from: KE, text: 'vijana wamevamia kituo cha polisi', category: 'violence', area: null, urgent: false, ask: 'area', language: 'sw' },
  { from: KE, text: 'the upper village blocked our canal', category: 'resource_dispute', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KG, text: 'мушташ болду, бара жаткан кишиге кол салышты', category: 'violence', area: null, urgent: false, ask: 'area', language: 'ky' },
  { from: KG, text: 'Аксы жакта айыл өкмөтү жайытты сатып жибериптир', category: 'resource_dispute', area: null, urgent: false, ask: 'area', language: 'ky' },
  { from: KE, text: 'kuna uvumi kwamba kura zitaibiwa kituo cha Sheeywe', category: 'electoral', area: 'KE-11-01-04', urgent: false, ask: null, language: 'sw' },
  { from: KE, text: 'bandits ambushed a bus near Marsbit Central', category: 'violence', area: 'KE-25-02-03', urgent: false, ask: null, language: 'en' },
  // More everyday words that named places: small words alone, even a place's exact name ("hospital": the
  // Hospital ward of Mathare; "hospitali"); a small word's typo ("marked" of Market Milimani); a small word
  // in a run with a typo ("home by", Homa Bay; "ар башка", Ат-Башы); two typos in a Latin word under nine
  // letters ("kijijini", in the village, Kiminini; "mabango", posters, Mihango); Kyrgyz "талап" (demand),
  // Талас, and "көрүндү" (was seen), Кулунду. Each of these reports is asked where.
  { from: KE, text: 'my brother was stabbed, he is in hospital', category: 'violence', area: null, urgent: true, ask: 'area', language: 'en' },
  { from: KE, text: 'mtu mmoja amepigwa, yuko hospitali', category: 'violence', area: null, urgent: true, ask: 'area', language: 'sw' },
  { from: KE, text: 'presiding officer found with marked ballots', category: 'electoral', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'a woman was beaten and chased from home by her in-laws', category: 'gbv', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'wezi wa mifugo wamevamia kijijini kwetu usiku', category: 'violence', area: null, urgent: false, ask: 'area', language: 'sw' },
  { from: KE, text: 'mabango yanasema wageni warudi kwao', category: 'hate_speech', area: null, urgent: false, ask: 'area', language: 'sw' },
  { from: KG, text: 'түнү дүкөндөрдү талап-тоноп кетишти', category: 'violence', area: null, urgent: false, ask: 'area', language: 'ky' },
  { from: KG, text: 'мечиттин жанында ар башка улуттагы жаштар кагылышты', category: 'ethnic_religious', area: null, urgent: false, ask: 'area', language: 'ky' },
  { from: KG, text: 'түнкүсүн куралчан адамдар көрүндү, эл коркуп жатат', category: 'threat', area: null, urgent: false, ask: 'area', language: 'ky' },
  // A real English word typed in small letters is no place's typo ("making" is no Makina); typed right, or
  // capitalised with a slip, the name still is.
  { from: KE, text: 'they were making noise and fighting', category: 'violence', area: null, urgent: false, ask: 'area', language: 'en' },
  { from: KE, text: 'they were fighting in makina', category: 'violence', area: 'KE-30-01-03', urgent: false, ask: null, language: 'en' },
  // Kyrgyz words with their endings off are no places' typos either: "өлгөндөн" (since he died) no Өзгөн,
  // "талааларыбыз" (our fields) no Талас.
  { from: KG, text: 'жесирди күйөөсү өлгөндөн кийин туугандары үйдөн кууп чыгышты', category: 'gbv', area: null, urgent: false, ask: 'area', language: 'ky' },
  { from: KG, text: 'жогорку айыл арыкты бууп салды, талааларыбыз кургап жатат', category: 'resource_dispute', area: null, urgent: false, ask: 'area', language: 'ky' },
  // Armed people seen, with nothing said of what they did, are a threat (taxonomy `fallback_cues`): it had
  // read as nothing and the reporter was asked what happened. Beside another category's word a weapon
  // says nothing: a husband's gun is still his wife's report, a shooting violence.
  { from: KE, text: 'men with guns were walking around Kibra at night', category: 'threat', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  { from: KE, text: 'wanaume wenye silaha wameonekana Kibra usiku', category: 'threat', area: 'KE-30-01', urgent: true, ask: null, language: 'sw' },
  { from: KG, text: 'ночью в Оше ходят вооруженные люди', category: 'threat', area: 'KG-GO', urgent: false, ask: null, language: 'ru' },
  { from: KG, text: 'Ошто түн ичинде мылтыктуу кишилер жүрөт', category: 'threat', area: 'KG-GO', urgent: true, ask: null, language: 'ky' },
  { from: KE, text: 'my husband beat me and pointed a gun at me in Kibra', category: 'gbv', area: 'KE-30-01', urgent: true, ask: null, language: 'en' },
  // …nor an all-clear's: armed police on patrol with all calm say nothing happened.
  { from: KE, text: 'armed police patrolling Kibra tonight, all calm', category: 'other', area: 'KE-30-01', urgent: false, ask: null, language: 'en' },
];

let t: TestGateway;
let seq = 0;
beforeAll(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
  loadSampleAreas(t);
});
afterAll(() => t.close());

async function send(from: string, text: string): Promise<string> {
  seq += 1;
  const before = countRows(t, "select count(*) from messages where direction = 'out'");
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_msg_${seq}`, networkCode: '63902' }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  expect(countRows(t, "select count(*) from messages where direction = 'out'")).toBe(before + 1);
  return t.gateway.services.messages.listRecent({ direction: 'out', limit: 1, reveal: false })[0]!.text;
}

const results: boolean[] = [];
afterAll(() => {
  const right = results.filter(Boolean).length;
  console.log(`SMS report parser: ${right} of ${results.length} messages understood as expected (${((100 * right) / results.length).toFixed(1)}%)`);
});

describe(`${rows.length} realistic SMS reports`, () => {
  beforeEach(() => {
    // Each row is a new reporter's first message: no open question carries over.
    t.gateway.db.$client.prepare('delete from sms_conversations').run();
  });

  it.each(rows.map((row, index) => [row.text, row, index] as const))('%s', async (_text, row, index) => {
    // A reporter of their own per row (same country), as the rows are unrelated people.
    const reply = await send(`${row.from.slice(0, -3)}${String(index).padStart(3, '0')}`, row.text);
    const report = t.gateway.db.$client
      .prepare('select category, area_code as area, urgent, status, language, ref from reports order by created_at desc, id desc limit 1')
      .get() as { category: string | null; area: string | null; urgent: number; status: string; language: string; ref: string };
    const asked = /Where did|Ilitokea wapi|Mahali gani|Which place|Где|Кайда|Бул кайда/.test(reply) ? 'area' : /What happened|Nini kilitokea|Что случилось|Эмне болду/.test(reply) ? 'category' : null;
    const got = { category: report.category, area: report.area, urgent: report.urgent === 1, ask: asked, language: report.language };
    const expected = { category: row.category, area: row.area, urgent: row.urgent, ask: row.ask, language: row.language };
    results.push(JSON.stringify(got) === JSON.stringify(expected));
    expect(got).toEqual(expected);
    expect(report.status).toBe(row.category && row.area ? 'new' : 'unparsed');
    expect(reply).toContain(report.ref);
  });
});
