// Complaint templates for the demo seed: realistic, varied narratives with the
// sections an officer would write for them. Slots ({name}, {place}, …) are filled by
// a seeded random generator, so the demo data is the same on every machine.
export type Template = {
  kind: string;
  weight: number;
  sections: string[];
  narrative: string;
  property?: { description: string; min: number; max: number };
  accusedKnown?: boolean;
};

export const TEMPLATES: Template[] = [
  {
    kind: 'snatching', weight: 9, sections: ['304'],
    narrative: 'On {date} at about {time} I was walking near {place} when two unknown men on a motorcycle came from behind and snatched my {item} and sped away towards {road}. I could not see the registration number. The {item} is worth about Rs {value}.',
    property: { description: '{item}', min: 8000, max: 60000 },
  },
  {
    kind: 'vehicle theft', weight: 12, sections: ['303(2)'],
    narrative: 'I parked my {vehicle} bearing registration number {reg} outside {place} on {date} at {time}. When I returned after about three hours the vehicle was missing. I searched the area and asked nearby shopkeepers but could not find it. I suspect it has been stolen by unknown persons.',
    property: { description: '{vehicle} {reg}', min: 25000, max: 120000 },
  },
  {
    kind: 'house break-in', weight: 8, sections: ['331(4)', '305'],
    narrative: 'On the night of {date} my family and I were away at a wedding. When we returned the next morning we found the lock of the main door broken and the cupboard opened. Gold ornaments and cash of Rs {value} were missing. The neighbours heard noises at around {time} but did not see anyone.',
    property: { description: 'Gold ornaments and cash', min: 40000, max: 450000 },
  },
  {
    kind: 'online fraud', weight: 11, sections: ['318(4)', '319(2)'],
    narrative: 'On {date} I received a call from {phone} from a person who said he was an officer of my bank and that my KYC had expired. He sent me a link and asked for the OTP. After I shared it, Rs {value} was debited from my account in three UPI transactions. I realised I had been cheated and called the bank to block my card.',
    property: { description: 'Money debited by UPI', min: 5000, max: 350000 },
  },
  {
    kind: 'assault', weight: 9, sections: ['115(2)', '351(2)', '352'], accusedKnown: true,
    narrative: 'On {date} at about {time} my neighbour {accused} picked a quarrel with me over parking near {place}. He abused me in filthy language, slapped me and hit me with his fists, causing injuries to my face. He threatened that he would kill me if I complained to the police. My brother took me to the hospital.',
  },
  {
    kind: 'dowry harassment', weight: 6, sections: ['85', '115(2)', '351(2)'], accusedKnown: true,
    narrative: 'I was married to {accused} in {year}. Since the marriage my husband and my mother-in-law have been harassing me for dowry, demanding Rs {value} and a car from my parents. On {date} my husband beat me and threw me out of the house, saying I could return only with the money.',
  },
  {
    kind: 'criminal breach of trust', weight: 4, sections: ['316(2)'], accusedKnown: true,
    narrative: 'I gave Rs {value} to {accused}, a property agent at {place}, in {year} to buy a plot on my behalf. He neither bought the plot nor returned the money. When I asked him on {date} he refused and told me not to call him again.',
    property: { description: 'Money entrusted to the agent', min: 100000, max: 2500000 },
  },
  {
    kind: 'robbery', weight: 5, sections: ['309(4)', '3(5)'],
    narrative: 'On {date} at about {time} while I was returning home from {place}, three men stopped me, showed a knife and took away my wallet containing Rs {value}, my mobile phone and my watch. They ran towards {road}. I can identify them if I see them again.',
    property: { description: 'Wallet, cash, mobile phone and watch', min: 5000, max: 80000 },
  },
  {
    kind: 'stalking', weight: 4, sections: ['78', '351(2)'], accusedKnown: true,
    narrative: 'For the last two months a man named {accused} has been following me from my college to {place}. He keeps calling me from {phone} and sends messages even after I told him to stop. On {date} he stopped me on the road and threatened me.',
  },
  {
    kind: 'mischief', weight: 4, sections: ['324(4)'],
    narrative: 'On the night of {date} some unknown persons broke the windscreen and side mirrors of my car parked outside my house at {place}. The damage will cost about Rs {value} to repair. CCTV of the neighbouring shop may have recorded them.',
    property: { description: 'Damage to car', min: 15000, max: 90000 },
  },
  {
    kind: 'trespass', weight: 3, sections: ['329(3)', '351(2)'], accusedKnown: true,
    narrative: 'On {date} at about {time} {accused} and his men entered my agricultural land near {place} without permission and began putting up a fence. When I objected they threatened me with dire consequences.',
  },
  {
    kind: 'missing mobile', weight: 10, sections: ['303(2)'],
    narrative: 'On {date} between {time} and the evening I was travelling in a crowded bus from {place} to {road}. When I got down I found my {item} missing from my pocket. Someone must have stolen it in the crowd. The phone is worth Rs {value}.',
    property: { description: '{item}', min: 7000, max: 90000 },
  },
  {
    kind: 'road accident', weight: 5, sections: ['281', '125(a)'],
    narrative: 'On {date} at about {time} a speeding {vehicle} bearing number {reg} driven rashly hit my father while he was crossing the road near {place}. He suffered a fracture of the leg and is admitted in hospital. The driver fled after the accident.',
  },
  {
    kind: 'extortion', weight: 2, sections: ['308(2)', '351(3)'],
    narrative: 'Since {date} I have been receiving calls from {phone} from a man who demands Rs {value} and says that otherwise he will kill my son. I run a shop at {place}. I am afraid for my family.',
  },
  {
    kind: 'cheating job offer', weight: 4, sections: ['318(4)'], accusedKnown: true,
    narrative: 'In {year} {accused} promised to get my son a government job and took Rs {value} from me in cash at {place}. He gave us a fake appointment letter. On {date} we learnt that the letter was forged and he has stopped taking our calls.',
    property: { description: 'Cash paid for a job', min: 50000, max: 800000 },
  },
];

export const FIRST_NAMES = ['Asha', 'Ravi', 'Meena', 'Imran', 'Gurpreet', 'Lakshmi', 'Suresh', 'Fatima', 'Arjun', 'Kavita', 'Rahul', 'Neha', 'Abdul', 'Deepa', 'Manoj', 'Pooja', 'Sanjay', 'Anita', 'Vijay', 'Sunita', 'Rakesh', 'Farhan', 'Joseph', 'Priyanka'];
export const LAST_NAMES = ['Verma', 'Kumar', 'Iyer', 'Shaikh', 'Singh', 'Nair', 'Patil', 'Khan', 'Reddy', 'Sharma', 'Gupta', 'Das', 'Menon', 'Yadav', 'Joshi', 'Fernandes', 'Mishra', 'Pillai', 'Chatterjee', 'Rao'];
export const PLACES = ['the bus stand', 'the railway station', 'the vegetable market', 'the temple', 'the metro station', 'City Mall', 'the post office', 'the government hospital', 'the park on 5th Cross', 'the petrol pump', 'Gandhi Chowk', 'the ATM on Main Road'];
export const ROADS = ['the ring road', 'MG Road', 'the highway', 'Station Road', 'the flyover', 'Nehru Nagar'];
export const ITEMS = ['mobile phone', 'gold chain', 'handbag', 'Samsung phone', 'iPhone', 'Vivo mobile phone', 'laptop bag'];
export const VEHICLES = ['Honda Activa scooter', 'Bajaj Pulsar motorcycle', 'Maruti Swift car', 'Hero Splendor motorcycle', 'TVS Jupiter scooter'];
export const OCCUPATIONS = ['Teacher', 'Shopkeeper', 'Software engineer', 'Driver', 'Student', 'Homemaker', 'Farmer', 'Nurse', 'Labourer', 'Retired'];
export const TIMES = ['7 am', '9.30 am', '11 am', '1 pm', '3.15 pm', '6 pm', '8 pm', '9.45 pm', '11 pm'];
