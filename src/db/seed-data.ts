/**
 * Static data for the synthetic seed: states, districts and localities (with their names in the
 * local script where complaints are written in it), person-name pools per region, and the small
 * vocabularies (phones, vehicles, banks, occupations) that complaint templates draw from.
 */

/** [Latin name, name in the local script or null]. */
export type Bi = readonly [string, string | null];

export interface District {
  code: string;
  name: Bi;
  /** first three digits of the PIN code */
  pin: string;
  localities: readonly Bi[];
}

export interface State {
  code: string;
  name: string;
  /** name pool key */
  region: RegionKey;
  /** relative number of stations */
  weight: number;
  /** complaint language mix: [language, cumulative probability] */
  languages: ReadonlyArray<readonly [Lang, number]>;
  /** vehicle registration prefix, e.g. 'MH12' per district */
  rto: readonly string[];
  districts: readonly District[];
}

export type Lang = 'en' | 'hi' | 'mr' | 'ta';
export type RegionKey = 'north' | 'maharashtra' | 'tamil' | 'karnataka' | 'bengal';

export const STATES: readonly State[] = [
  {
    code: 'MH',
    name: 'Maharashtra',
    region: 'maharashtra',
    weight: 1.3,
    languages: [['en', 0.62], ['mr', 0.9], ['hi', 1]],
    rto: ['MH12', 'MH01', 'MH31', 'MH15'],
    districts: [
      {
        code: 'PUN',
        name: ['Pune', 'पुणे'],
        pin: '411',
        localities: [
          ['Koregaon Park', 'कोरेगाव पार्क'], ['Shivajinagar', 'शिवाजीनगर'], ['Kothrud', 'कोथरूड'], ['Hadapsar', 'हडपसर'],
          ['Vishrambaug', 'विश्रामबाग'], ['Deccan Gymkhana', 'डेक्कन जिमखाना'], ['Yerawada', 'येरवडा'], ['Wakad', 'वाकड'],
          ['Hinjewadi', 'हिंजवडी'], ['Swargate', 'स्वारगेट'], ['Kondhwa', 'कोंढवा'], ['Bibwewadi', 'बिबवेवाडी'],
          ['Warje Malwadi', 'वारजे माळवाडी'], ['Chatushrungi', 'चतुःशृंगी'], ['Sinhagad Road', 'सिंहगड रोड'],
        ],
      },
      {
        code: 'MUM',
        name: ['Mumbai', 'मुंबई'],
        pin: '400',
        localities: [
          ['Colaba', 'कुलाबा'], ['Bandra', 'वांद्रे'], ['Andheri', 'अंधेरी'], ['Dadar', 'दादर'], ['Worli', 'वरळी'],
          ['Powai', 'पवई'], ['Malad', 'मालाड'], ['Kurla', 'कुर्ला'], ['Ghatkopar', 'घाटकोपर'], ['Borivali', 'बोरिवली'],
          ['Chembur', 'चेंबूर'], ['Goregaon', 'गोरेगाव'], ['Santacruz', 'सांताक्रूझ'], ['Vile Parle', 'विलेपार्ले'],
        ],
      },
      {
        code: 'NAG',
        name: ['Nagpur', 'नागपूर'],
        pin: '440',
        localities: [
          ['Sitabuldi', 'सीताबर्डी'], ['Sadar', 'सदर'], ['Dhantoli', 'धंतोली'], ['Ambazari', 'अंबाझरी'],
          ['Kotwali', 'कोतवाली'], ['Ajni', 'अजनी'], ['Pratap Nagar', 'प्रतापनगर'], ['Sakkardara', 'सक्करदरा'],
        ],
      },
      {
        code: 'NSK',
        name: ['Nashik', 'नाशिक'],
        pin: '422',
        localities: [
          ['Panchavati', 'पंचवटी'], ['Gangapur', 'गंगापूर'], ['Sarkarwada', 'सरकारवाडा'], ['Adgaon', 'आडगाव'],
          ['Mumbai Naka', 'मुंबई नाका'], ['Indiranagar', 'इंदिरानगर'], ['Satpur', 'सातपूर'],
        ],
      },
    ],
  },
  {
    code: 'UP',
    name: 'Uttar Pradesh',
    region: 'north',
    weight: 1.3,
    languages: [['hi', 0.6], ['en', 1]],
    rto: ['UP32', 'UP78', 'UP65', 'UP70'],
    districts: [
      {
        code: 'LKO',
        name: ['Lucknow', 'लखनऊ'],
        pin: '226',
        localities: [
          ['Hazratganj', 'हज़रतगंज'], ['Gomti Nagar', 'गोमती नगर'], ['Aminabad', 'अमीनाबाद'], ['Chowk', 'चौक'],
          ['Alambagh', 'आलमबाग'], ['Aliganj', 'अलीगंज'], ['Indira Nagar', 'इंदिरा नगर'], ['Mahanagar', 'महानगर'],
          ['Kaiserbagh', 'कैसरबाग'], ['Vibhuti Khand', 'विभूति खंड'], ['Hussainganj', 'हुसैनगंज'],
        ],
      },
      {
        code: 'KNP',
        name: ['Kanpur', 'कानपुर'],
        pin: '208',
        localities: [
          ['Kotwali', 'कोतवाली'], ['Kalyanpur', 'कल्याणपुर'], ['Swaroop Nagar', 'स्वरूप नगर'], ['Kidwai Nagar', 'किदवई नगर'],
          ['Govind Nagar', 'गोविंद नगर'], ['Kakadeo', 'काकादेव'], ['Chakeri', 'चकेरी'], ['Naubasta', 'नौबस्ता'],
        ],
      },
      {
        code: 'VNS',
        name: ['Varanasi', 'वाराणसी'],
        pin: '221',
        localities: [
          ['Dashashwamedh', 'दशाश्वमेध'], ['Lanka', 'लंका'], ['Cantt', 'कैंट'], ['Sigra', 'सिगरा'],
          ['Chetganj', 'चेतगंज'], ['Bhelupur', 'भेलूपुर'], ['Sarnath', 'सारनाथ'], ['Lalpur', 'लालपुर'],
        ],
      },
      {
        code: 'PRJ',
        name: ['Prayagraj', 'प्रयागराज'],
        pin: '211',
        localities: [
          ['Civil Lines', 'सिविल लाइंस'], ['Kotwali', 'कोतवाली'], ['Colonelganj', 'कर्नलगंज'], ['Kydganj', 'कीडगंज'],
          ['Dhoomanganj', 'धूमनगंज'], ['George Town', 'जॉर्ज टाउन'], ['Daraganj', 'दारागंज'], ['Naini', 'नैनी'],
        ],
      },
    ],
  },
  {
    code: 'DL',
    name: 'Delhi',
    region: 'north',
    weight: 0.9,
    languages: [['hi', 0.4], ['en', 1]],
    rto: ['DL3C', 'DL8S', 'DL1C', 'DL7C'],
    districts: [
      {
        code: 'NDL',
        name: ['New Delhi', 'नई दिल्ली'],
        pin: '110',
        localities: [
          ['Connaught Place', 'कनॉट प्लेस'], ['Parliament Street', 'पार्लियामेंट स्ट्रीट'], ['Chanakyapuri', 'चाणक्यपुरी'],
          ['Tughlak Road', 'तुगलक रोड'], ['Mandir Marg', 'मंदिर मार्ग'], ['Barakhamba Road', 'बाराखंभा रोड'],
        ],
      },
      {
        code: 'SDL',
        name: ['South Delhi', 'दक्षिणी दिल्ली'],
        pin: '110',
        localities: [
          ['Hauz Khas', 'हौज़ खास'], ['Saket', 'साकेत'], ['Malviya Nagar', 'मालवीय नगर'], ['Greater Kailash', 'ग्रेटर कैलाश'],
          ['Mehrauli', 'महरौली'], ['Lajpat Nagar', 'लाजपत नगर'], ['Defence Colony', 'डिफेंस कॉलोनी'], ['Kalkaji', 'कालकाजी'],
        ],
      },
      {
        code: 'CDL',
        name: ['Central Delhi', 'मध्य दिल्ली'],
        pin: '110',
        localities: [
          ['Karol Bagh', 'करोल बाग'], ['Paharganj', 'पहाड़गंज'], ['Darya Ganj', 'दरियागंज'], ['Kamla Market', 'कमला मार्केट'],
          ['Rajinder Nagar', 'राजिंदर नगर'], ['Prasad Nagar', 'प्रसाद नगर'],
        ],
      },
      {
        code: 'EDL',
        name: ['East Delhi', 'पूर्वी दिल्ली'],
        pin: '110',
        localities: [
          ['Preet Vihar', 'प्रीत विहार'], ['Shakarpur', 'शकरपुर'], ['Mayur Vihar', 'मयूर विहार'], ['Laxmi Nagar', 'लक्ष्मी नगर'],
          ['Pandav Nagar', 'पांडव नगर'], ['Kalyanpuri', 'कल्याणपुरी'],
        ],
      },
    ],
  },
  {
    code: 'TN',
    name: 'Tamil Nadu',
    region: 'tamil',
    weight: 1.1,
    languages: [['en', 0.68], ['ta', 1]],
    rto: ['TN09', 'TN37', 'TN59'],
    districts: [
      {
        code: 'CHN',
        name: ['Chennai', 'சென்னை'],
        pin: '600',
        localities: [
          ['T. Nagar', 'தி. நகர்'], ['Mylapore', 'மயிலாப்பூர்'], ['Adyar', 'அடையாறு'], ['Anna Nagar', 'அண்ணா நகர்'],
          ['Egmore', 'எழும்பூர்'], ['Triplicane', 'திருவல்லிக்கேணி'], ['Velachery', 'வேளச்சேரி'], ['Guindy', 'கிண்டி'],
          ['Royapettah', 'ராயப்பேட்டை'], ['Kodambakkam', 'கோடம்பாக்கம்'], ['Tambaram', 'தாம்பரம்'], ['Perambur', 'பெரம்பூர்'],
        ],
      },
      {
        code: 'CBE',
        name: ['Coimbatore', 'கோயம்புத்தூர்'],
        pin: '641',
        localities: [
          ['R.S. Puram', 'ஆர்.எஸ். புரம்'], ['Gandhipuram', 'காந்திபுரம்'], ['Peelamedu', 'பீளமேடு'],
          ['Saibaba Colony', 'சாய்பாபா காலனி'], ['Ukkadam', 'உக்கடம்'], ['Singanallur', 'சிங்காநல்லூர்'], ['Race Course', 'ரேஸ் கோர்ஸ்'],
        ],
      },
      {
        code: 'MDU',
        name: ['Madurai', 'மதுரை'],
        pin: '625',
        localities: [
          ['Tallakulam', 'தல்லாகுளம்'], ['Anna Nagar', 'அண்ணா நகர்'], ['Thilagar Thidal', 'திலகர் திடல்'],
          ['Teppakulam', 'தெப்பக்குளம்'], ['S.S. Colony', 'எஸ்.எஸ். காலனி'], ['Thirupparankundram', 'திருப்பரங்குன்றம்'],
          ['Avaniyapuram', 'அவனியாபுரம்'],
        ],
      },
    ],
  },
  {
    code: 'KA',
    name: 'Karnataka',
    region: 'karnataka',
    weight: 1,
    languages: [['en', 1]],
    rto: ['KA01', 'KA09', 'KA19'],
    districts: [
      {
        code: 'BLR',
        name: ['Bengaluru Urban', null],
        pin: '560',
        localities: [
          ['Koramangala', null], ['Indiranagar', null], ['Jayanagar', null], ['Whitefield', null], ['HSR Layout', null],
          ['Malleshwaram', null], ['Basavanagudi', null], ['Yelahanka', null], ['Ulsoor', null], ['Banashankari', null],
          ['Hebbal', null], ['Electronic City', null],
        ],
      },
      {
        code: 'MYS',
        name: ['Mysuru', null],
        pin: '570',
        localities: [
          ['Devaraja', null], ['Lashkar', null], ['Vijayanagar', null], ['Kuvempunagar', null],
          ['Jayalakshmipuram', null], ['Nazarbad', null], ['Saraswathipuram', null],
        ],
      },
      {
        code: 'MNG',
        name: ['Mangaluru', null],
        pin: '575',
        localities: [
          ['Pandeshwar', null], ['Kadri', null], ['Urwa', null], ['Barke', null], ['Kankanady', null], ['Surathkal', null], ['Ullal', null],
        ],
      },
    ],
  },
  {
    code: 'WB',
    name: 'West Bengal',
    region: 'bengal',
    weight: 0.8,
    languages: [['en', 1]],
    rto: ['WB02', 'WB06', 'WB12'],
    districts: [
      {
        code: 'KOL',
        name: ['Kolkata', null],
        pin: '700',
        localities: [
          ['Park Street', null], ['Shakespeare Sarani', null], ['Gariahat', null], ['Jadavpur', null], ['Ballygunge', null],
          ['Tollygunge', null], ['Bowbazar', null], ['Shyampukur', null], ['Hare Street', null], ['Entally', null], ['Behala', null],
        ],
      },
      {
        code: 'HWH',
        name: ['Howrah', null],
        pin: '711',
        localities: [['Golabari', null], ['Shibpur', null], ['Bally', null], ['Howrah', null], ['Bantra', null], ['Jagacha', null], ['Liluah', null]],
      },
    ],
  },
];

/**
 * Appended to a locality when a district has more stations than localities:
 * [English, Devanagari, Tamil].
 */
export const STATION_VARIANTS: ReadonlyArray<readonly [string, string, string]> = [
  ['', '', ''],
  [' North', ' उत्तर', ' வடக்கு'],
  [' South', ' दक्षिण', ' தெற்கு'],
  [' East', ' पूर्व', ' கிழக்கு'],
  [' West', ' पश्चिम', ' மேற்கு'],
  [' Rural', ' ग्रामीण', ' ஊரக'],
  [' Market', ' बाज़ार', ' சந்தை'],
  [' Railway', ' रेलवे', ' ரயில்வே'],
  [' Traffic', ' यातायात', ' போக்குவரத்து'],
  [' Cyber', ' साइबर', ' சைபர்'],
  [' Women', ' महिला', ' மகளிர்'],
];

export interface NamePool {
  male: readonly Bi[];
  female: readonly Bi[];
  surnames: readonly Bi[];
}

/** Each region has one or more communities; a person's given name and surname come from the same one. */
export const NAMES: Record<RegionKey, readonly NamePool[]> = {
  north: [
    {
      male: [
        ['Rahul', 'राहुल'], ['Amit', 'अमित'], ['Rakesh', 'राकेश'], ['Sanjay', 'संजय'], ['Vikas', 'विकास'], ['Manoj', 'मनोज'],
        ['Deepak', 'दीपक'], ['Ajay', 'अजय'], ['Suresh', 'सुरेश'], ['Ramesh', 'रमेश'], ['Anil', 'अनिल'], ['Pankaj', 'पंकज'],
        ['Ravi', 'रवि'], ['Vivek', 'विवेक'], ['Ashok', 'अशोक'], ['Mohit', 'मोहित'], ['Arvind', 'अरविंद'], ['Rajesh', 'राजेश'],
        ['Sunil', 'सुनील'], ['Alok', 'आलोक'], ['Ankit', 'अंकित'], ['Gaurav', 'गौरव'], ['Shivam', 'शिवम'], ['Harish', 'हरीश'],
      ],
      female: [
        ['Sunita', 'सुनीता'], ['Pooja', 'पूजा'], ['Neha', 'नेहा'], ['Priya', 'प्रिया'], ['Anjali', 'अंजलि'], ['Kavita', 'कविता'],
        ['Rekha', 'रेखा'], ['Seema', 'सीमा'], ['Shalini', 'शालिनी'], ['Nisha', 'निशा'], ['Ritu', 'रितु'], ['Geeta', 'गीता'],
        ['Shweta', 'श्वेता'], ['Preeti', 'प्रीति'], ['Meena', 'मीना'], ['Suman', 'सुमन'],
      ],
      surnames: [
        ['Sharma', 'शर्मा'], ['Verma', 'वर्मा'], ['Yadav', 'यादव'], ['Gupta', 'गुप्ता'], ['Singh', 'सिंह'], ['Mishra', 'मिश्रा'],
        ['Tiwari', 'तिवारी'], ['Pandey', 'पांडेय'], ['Srivastava', 'श्रीवास्तव'], ['Chauhan', 'चौहान'], ['Maurya', 'मौर्य'],
        ['Rastogi', 'रस्तोगी'], ['Agarwal', 'अग्रवाल'], ['Saxena', 'सक्सेना'], ['Dubey', 'दुबे'], ['Chaudhary', 'चौधरी'],
        ['Kumar', 'कुमार'], ['Rawat', 'रावत'], ['Malhotra', 'मल्होत्रा'], ['Arora', 'अरोड़ा'],
      ],
    },
    {
      male: [
        ['Mohd. Arif', 'मो. आरिफ'], ['Imran', 'इमरान'], ['Salman', 'सलमान'], ['Faisal', 'फ़ैसल'], ['Shahid', 'शाहिद'],
        ['Irfan', 'इरफ़ान'], ['Javed', 'जावेद'], ['Naseem', 'नसीम'],
      ],
      female: [['Shabana', 'शबाना'], ['Farzana', 'फ़रज़ाना'], ['Nazia', 'नाज़िया'], ['Rukhsar', 'रुख़सार'], ['Sana', 'सना']],
      surnames: [['Khan', 'ख़ान'], ['Ansari', 'अंसारी'], ['Siddiqui', 'सिद्दीकी'], ['Qureshi', 'क़ुरैशी'], ['Rizvi', 'रिज़वी']],
    },
  ],
  maharashtra: [
    {
      male: [
        ['Sachin', 'सचिन'], ['Rohan', 'रोहन'], ['Ganesh', 'गणेश'], ['Mahesh', 'महेश'], ['Sandeep', 'संदीप'], ['Prashant', 'प्रशांत'],
        ['Nilesh', 'निलेश'], ['Swapnil', 'स्वप्नील'], ['Vijay', 'विजय'], ['Omkar', 'ओंकार'], ['Tushar', 'तुषार'], ['Amol', 'अमोल'],
        ['Sagar', 'सागर'], ['Yogesh', 'योगेश'], ['Dattatray', 'दत्तात्रय'], ['Aniket', 'अनिकेत'],
      ],
      female: [
        ['Snehal', 'स्नेहल'], ['Pranali', 'प्रणाली'], ['Ashwini', 'अश्विनी'], ['Madhuri', 'माधुरी'], ['Sayali', 'सायली'],
        ['Pallavi', 'पल्लवी'], ['Manisha', 'मनीषा'], ['Vaishali', 'वैशाली'], ['Supriya', 'सुप्रिया'], ['Rupali', 'रुपाली'],
      ],
      surnames: [
        ['Patil', 'पाटील'], ['Deshmukh', 'देशमुख'], ['Kulkarni', 'कुलकर्णी'], ['Jadhav', 'जाधव'], ['Pawar', 'पवार'],
        ['Shinde', 'शिंदे'], ['Gaikwad', 'गायकवाड'], ['Joshi', 'जोशी'], ['More', 'मोरे'], ['Chavan', 'चव्हाण'], ['Kale', 'काळे'],
        ['Bhosale', 'भोसले'], ['Deshpande', 'देशपांडे'], ['Salunkhe', 'साळुंखे'], ['Kamble', 'कांबळे'], ['Wagh', 'वाघ'],
      ],
    },
  ],
  tamil: [
    {
      male: [
        ['Karthik', 'கார்த்திக்'], ['Senthil', 'செந்தில்'], ['Murugan', 'முருகன்'], ['Saravanan', 'சரவணன்'], ['Arun', 'அருண்'],
        ['Vignesh', 'விக்னேஷ்'], ['Prakash', 'பிரகாஷ்'], ['Ramesh', 'ரமேஷ்'], ['Balaji', 'பாலாஜி'], ['Dinesh', 'தினேஷ்'],
        ['Manikandan', 'மணிகண்டன்'], ['Gopal', 'கோபால்'], ['Suresh', 'சுரேஷ்'], ['Vijay', 'விஜய்'],
      ],
      female: [
        ['Priya', 'பிரியா'], ['Lakshmi', 'லட்சுமி'], ['Kavitha', 'கவிதா'], ['Divya', 'திவ்யா'], ['Meena', 'மீனா'],
        ['Selvi', 'செல்வி'], ['Revathi', 'ரேவதி'], ['Anitha', 'அனிதா'], ['Deepa', 'தீபா'], ['Malathi', 'மாலதி'],
      ],
      surnames: [
        ['Subramanian', 'சுப்பிரமணியன்'], ['Krishnan', 'கிருஷ்ணன்'], ['Natarajan', 'நடராஜன்'], ['Rajendran', 'ராஜேந்திரன்'],
        ['Venkatesan', 'வெங்கடேசன்'], ['Pandian', 'பாண்டியன்'], ['Raman', 'ராமன்'], ['Sundaram', 'சுந்தரம்'],
        ['Murugesan', 'முருகேசன்'], ['Kannan', 'கண்ணன்'], ['Shanmugam', 'சண்முகம்'], ['Palani', 'பழனி'],
      ],
    },
  ],
  karnataka: [
    {
      male: [
        ['Manjunath', null], ['Raghavendra', null], ['Santosh', null], ['Naveen', null], ['Praveen', null], ['Shivakumar', null],
        ['Girish', null], ['Harish', null], ['Basavaraj', null], ['Kiran', null], ['Prajwal', null], ['Chethan', null],
      ],
      female: [
        ['Shwetha', null], ['Divya', null], ['Roopa', null], ['Kavya', null], ['Sowmya', null], ['Bhavya', null], ['Rashmi', null],
        ['Pavithra', null], ['Shruthi', null],
      ],
      surnames: [
        ['Gowda', null], ['Shetty', null], ['Rao', null], ['Hegde', null], ['Naik', null], ['Patil', null], ['Reddy', null],
        ['Kulkarni', null], ['Bhat', null], ['Murthy', null], ['Kamath', null], ['Pai', null],
      ],
    },
  ],
  bengal: [
    {
      male: [
        ['Sourav', null], ['Arijit', null], ['Debashis', null], ['Subhajit', null], ['Abhijit', null], ['Partha', null],
        ['Sandip', null], ['Tanmoy', null], ['Anirban', null], ['Sudipto', null], ['Biswajit', null],
      ],
      female: [
        ['Moumita', null], ['Sreyashi', null], ['Rituparna', null], ['Paromita', null], ['Sanchita', null], ['Tanushree', null],
        ['Mousumi', null], ['Debjani', null],
      ],
      surnames: [
        ['Banerjee', null], ['Chatterjee', null], ['Mukherjee', null], ['Das', null], ['Ghosh', null], ['Bose', null], ['Sen', null],
        ['Roy', null], ['Dutta', null], ['Saha', null], ['Mondal', null], ['Sarkar', null],
      ],
    },
  ],
};

export const OCCUPATIONS = [
  'Private service', 'Business', 'Student', 'Homemaker', 'Software engineer', 'Auto-rickshaw driver', 'Shopkeeper', 'Teacher',
  'Daily wage labourer', 'Retired government employee', 'Farmer', 'Nurse', 'Delivery executive', 'Accountant', 'Electrician',
  'Tailor', 'Security guard', 'Bank employee', 'Advocate', 'Cab driver',
] as const;

export const PHONES = [
  ['Redmi Note 12', 14999], ['Samsung Galaxy M34', 16499], ['iPhone 13', 52999], ['Vivo Y20', 11490], ['OnePlus Nord CE 3', 24999],
  ['Realme Narzo 60', 17999], ['Oppo A78', 18999], ['Samsung Galaxy S23', 64999], ['iPhone 14', 61999], ['Poco X5', 15999],
  ['Motorola G54', 13999], ['Samsung Galaxy A14', 12999], ['Nokia G21', 9999], ['Vivo V27', 32999],
] as const;

export const VEHICLES = [
  'Honda Activa 6G', 'Hero Splendor Plus', 'Bajaj Pulsar 150', 'TVS Jupiter', 'Royal Enfield Classic 350', 'Suzuki Access 125',
  'Hero HF Deluxe', 'TVS Apache RTR 160', 'Honda Shine', 'Bajaj Platina',
] as const;

export const CARS = ['Maruti Swift', 'Hyundai Creta', 'Mahindra Scorpio', 'Toyota Innova', 'Tata Nexon', 'Maruti Ertiga', 'Honda City'] as const;

export const BANKS = ['State Bank of India', 'HDFC Bank', 'ICICI Bank', 'Punjab National Bank', 'Bank of Baroda', 'Axis Bank', 'Canara Bank', 'Kotak Mahindra Bank'] as const;

export const UPI_APPS = ['PhonePe', 'Google Pay', 'Paytm', 'BHIM'] as const;

export const COLOURS = ['black', 'red', 'blue', 'grey', 'white', 'maroon', 'silver'] as const;

export const COUNTRIES = ['Dubai', 'Canada', 'Poland', 'Malaysia', 'Saudi Arabia', 'Singapore'] as const;

export const SPOTS = [
  'bus stop', 'vegetable market', 'railway station', 'metro station', 'bank ATM', 'temple', 'main market', 'hospital gate', 'college gate',
] as const;

export const STREETS = [
  'Station Road', 'M.G. Road', 'Gandhi Chowk', 'Nehru Nagar', 'Shastri Nagar', 'Ambedkar Colony', 'Subhash Marg', 'Tilak Road',
  'Ram Nagar', 'Shivaji Chowk', 'Azad Nagar', 'Vivekanand Colony', 'Patel Nagar', 'Sai Baba Lane', 'Indira Colony',
] as const;

export const REJECTION_REASONS = [
  'The dispute is civil in nature (recovery of money under a private agreement); the complainant is advised to approach the civil court.',
  'Duplicate of an FIR already registered for the same incident.',
  'The incident occurred outside the jurisdiction of this police station; complaint forwarded to the concerned police station.',
  'Facts disclose only a non-cognizable offence; NCR entered and the complainant advised to approach the Magistrate.',
  'Complainant did not appear to record a statement despite notice; insufficient particulars to register an FIR.',
  'Preliminary enquiry found the allegations unsubstantiated; the matter was settled between the parties.',
] as const;

export const DELAY_REASONS = [
  'The complainant was out of station and learnt of the incident on return.',
  'The complainant was under medical treatment after the incident.',
  'The complainant first searched for the property and approached the bank before reporting.',
  'The complainant was waiting for the family to return before reporting.',
] as const;

export const INVESTIGATION_STATUSES = [
  'Under investigation', 'Under investigation', 'Accused arrested', 'Charge-sheet filed', 'Final report (untraced) submitted',
  'Property recovered',
] as const;
