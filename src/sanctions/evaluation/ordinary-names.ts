// Ordinary names of many cultures for measuring false positives (tests and bench only; nothing at runtime uses it).

interface Culture {
  culture: string;
  given: string[];
  family: string[];
  /** Family name first, as usually written ("Kim Min-jun", "Nguyen Van An"). */
  isFamilyFirst?: boolean;
}

// Common given and family names per culture (public frequency lists, spelled as applicants write them in Latin script).
const cultures: Culture[] = [
  {
    culture: 'Korean',
    isFamilyFirst: true,
    given: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Do-yoon', 'Seo-yun', 'Ji-woo', 'Ye-jin', 'Hyun-woo', 'Su-bin', 'Jae-won', 'Eun-ji', 'Sung-min', 'Yu-na', 'Tae-yang', 'Da-eun', 'Jun-seo', 'Hye-jin', 'Woo-jin', 'Soo-ah', 'Dong-hyun', 'Mi-rae', 'Jin-woo', 'Ga-yeon', 'Sang-hoon', 'Na-yeon', 'Kyung-soo', 'So-yeon', 'Young-ho', 'Ji-eun'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'Song', 'Yoo', 'Hong', 'Jeon', 'Ko', 'Moon', 'Yang', 'Baek'],
  },
  {
    culture: 'Chinese',
    isFamilyFirst: true,
    given: ['Wei', 'Fang', 'Xiuying', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Xiaoling', 'Hui', 'Hao', 'Yuxuan', 'Zihan', 'Haoran', 'Yichen', 'Ruoxi', 'Jiahao', 'Shuang', 'Xin', 'Bo', 'Lan'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang'],
  },
  {
    culture: 'Vietnamese',
    isFamilyFirst: true,
    given: ['Van An', 'Thi Lan', 'Minh Anh', 'Quoc Bao', 'Thi Hoa', 'Duc Huy', 'Thanh Tam', 'Ngoc Anh', 'Van Hung', 'Thi Mai', 'Hoang Long', 'Thu Trang', 'Gia Huy', 'Bao Ngoc', 'Tuan Anh', 'Thi Huong', 'Minh Khoa', 'Phuong Linh', 'Duc Minh', 'Kim Ngan'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'],
  },
  {
    culture: 'Japanese',
    given: ['Haruto', 'Yui', 'Sota', 'Hina', 'Yuto', 'Aoi', 'Riku', 'Mei', 'Takumi', 'Sakura', 'Kenji', 'Yuki', 'Hiroshi', 'Naoko', 'Daiki', 'Emi', 'Kazuki', 'Ayaka', 'Ren', 'Misaki'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu', 'Mori'],
  },
  {
    culture: 'Arabic',
    given: ['Mohammed', 'Ahmed', 'Omar', 'Youssef', 'Khalid', 'Fatima', 'Aisha', 'Layla', 'Mariam', 'Hassan', 'Hussein', 'Ibrahim', 'Karim', 'Nour', 'Rania', 'Tariq', 'Sami', 'Yasmin', 'Amira', 'Zainab', 'Bilal', 'Hamza', 'Salma', 'Rashid', 'Faisal', 'Huda', 'Walid', 'Samir', 'Lina', 'Adel'],
    family: ['Haddad', 'Khoury', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Aziz', 'Farah', 'Darwish', 'Qasim', 'Shaheen', 'Jaber', 'Karam', 'Sabbagh', 'Tamimi', 'Zidan', 'Barakat', 'Bakri', 'Suleiman', 'Odeh', 'Halabi', 'Awad', 'Najjar', 'Masri', 'Ghanem'],
  },
  {
    culture: 'Persian/Turkish',
    given: ['Reza', 'Ali', 'Mehdi', 'Sara', 'Zahra', 'Arash', 'Niloufar', 'Dariush', 'Parisa', 'Kaveh', 'Emre', 'Elif', 'Burak', 'Zeynep', 'Mert', 'Ayse', 'Can', 'Deniz', 'Selin', 'Kerem'],
    family: ['Hosseini', 'Rahimi', 'Karimi', 'Moradi', 'Jafari', 'Ahmadi', 'Rostami', 'Sadeghi', 'Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Aydin', 'Ozturk', 'Arslan', 'Dogan', 'Kilic', 'Aslan', 'Koc'],
  },
  {
    culture: 'Hispanic',
    given: ['Maria', 'Jose', 'Juan', 'Carlos', 'Luis', 'Ana', 'Sofia', 'Valentina', 'Diego', 'Alejandro', 'Camila', 'Lucia', 'Javier', 'Andres', 'Gabriela', 'Fernando', 'Isabel', 'Ricardo', 'Daniela', 'Miguel', 'Paula', 'Sergio', 'Elena', 'Pablo', 'Adriana', 'Rosa', 'Manuel', 'Carmen', 'Jorge', 'Marta'],
    family: ['Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres', 'Flores', 'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutierrez', 'Chavez', 'Ramos', 'Ruiz', 'Alvarez', 'Mendoza', 'Castillo', 'Jimenez', 'Moreno', 'Romero', 'Herrera', 'Medina'],
  },
  {
    culture: 'Portuguese/Brazilian',
    given: ['Joao', 'Pedro', 'Lucas', 'Mateus', 'Gabriel', 'Beatriz', 'Mariana', 'Larissa', 'Thiago', 'Rafael', 'Fernanda', 'Juliana', 'Bruno', 'Leticia', 'Gustavo', 'Camila', 'Rodrigo', 'Vitoria', 'Felipe', 'Bianca'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Carvalho', 'Almeida', 'Ferreira', 'Ribeiro', 'Rodrigues', 'Gomes', 'Martins', 'Araujo', 'Barbosa', 'Cardoso', 'Teixeira', 'Correia', 'Mendes', 'Nunes'],
  },
  {
    culture: 'Anglo',
    given: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Emily', 'Andrew', 'Megan', 'Joshua', 'Hannah', 'George', 'Emma'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Bush'],
  },
  {
    culture: 'German/French/Italian/Dutch',
    given: ['Lukas', 'Anna', 'Felix', 'Lena', 'Jonas', 'Hannah', 'Louis', 'Camille', 'Hugo', 'Chloe', 'Luca', 'Giulia', 'Marco', 'Francesca', 'Sem', 'Daan', 'Lotte', 'Pierre', 'Sophie', 'Matteo'],
    family: ['Muller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Martin', 'Bernard', 'Dubois', 'Lefebvre', 'Moreau', 'Laurent', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'de Jong', 'de Vries', 'van Dijk', 'Bakker', 'Janssen'],
  },
  {
    culture: 'Slavic',
    given: ['Alexander', 'Dmitry', 'Ivan', 'Sergey', 'Andrei', 'Olga', 'Natalia', 'Elena', 'Tatiana', 'Anastasia', 'Mikhail', 'Nikolai', 'Yulia', 'Ekaterina', 'Pavel', 'Oksana', 'Taras', 'Bogdan', 'Piotr', 'Agnieszka', 'Katarzyna', 'Tomasz', 'Marek', 'Jana', 'Petra', 'Milan', 'Dragan', 'Vesna'],
    family: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Lebedev', 'Kozlov', 'Novikov', 'Morozov', 'Volkova', 'Pavlova', 'Shevchenko', 'Bondarenko', 'Kovalenko', 'Tkachenko', 'Nowak', 'Kowalski', 'Wisniewski', 'Wojcik', 'Kaminski', 'Novak', 'Horvat', 'Petrovic', 'Jovanovic', 'Nikolic', 'Dvorak', 'Svoboda'],
  },
  {
    culture: 'Indian/Pakistani/Bangladeshi',
    given: ['Aarav', 'Vivaan', 'Aditya', 'Priya', 'Ananya', 'Rohan', 'Arjun', 'Sneha', 'Rahul', 'Pooja', 'Vikram', 'Deepika', 'Sanjay', 'Kavya', 'Amit', 'Neha', 'Imran', 'Ayesha', 'Usman', 'Sana', 'Farhan', 'Nadia', 'Rakib', 'Tahmina', 'Suresh', 'Lakshmi', 'Venkat', 'Divya', 'Harpreet', 'Gurpreet'],
    family: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Rao', 'Mehta', 'Joshi', 'Chopra', 'Malhotra', 'Banerjee', 'Chatterjee', 'Das', 'Khan', 'Qureshi', 'Chaudhry', 'Siddiqui', 'Rahman', 'Hossain', 'Islam', 'Pillai', 'Menon', 'Desai', 'Kapoor', 'Bhatt'],
  },
  {
    culture: 'African',
    given: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adebayo', 'Folake', 'Emeka', 'Chiamaka', 'Tunde', 'Amara', 'Kwame', 'Akosua', 'Kofi', 'Ama', 'Wanjiru', 'Otieno', 'Achieng', 'Kipchoge', 'Abebe', 'Tigist', 'Selam', 'Thabo', 'Naledi', 'Sipho', 'Zanele', 'Mamadou', 'Aminata', 'Moussa', 'Fatoumata', 'Juma', 'Neema'],
    family: ['Okafor', 'Okonkwo', 'Adeyemi', 'Ogunleye', 'Eze', 'Nwosu', 'Balogun', 'Mensah', 'Boateng', 'Owusu', 'Asante', 'Kamau', 'Mwangi', 'Ochieng', 'Kiprop', 'Tesfaye', 'Bekele', 'Haile', 'Nkosi', 'Dlamini', 'Ndlovu', 'Mokoena', 'Diallo', 'Traore', 'Keita', 'Coulibaly', 'Mwakyusa'],
  },
  {
    culture: 'Filipino/Indonesian/Thai',
    given: ['Jose Miguel', 'Maria Clara', 'Mark Anthony', 'Kristine', 'Jericho', 'Rizal', 'Budi', 'Siti', 'Agus', 'Dewi', 'Putri', 'Rizky', 'Somchai', 'Siriporn', 'Anong', 'Kittisak', 'Nattapong', 'Pimchanok'],
    family: ['Santos', 'Reyes', 'Bautista', 'Ocampo', 'Dela Cruz', 'Mendoza', 'Villanueva', 'Aquino', 'Santoso', 'Wijaya', 'Hidayat', 'Kusuma', 'Saputra', 'Pratama', 'Srisuk', 'Wongsawat', 'Chaiyaporn', 'Thongchai'],
  },
];

// Deterministic generator (mulberry32) so every run sees the same names.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface OrdinaryName {
  name: string;
  culture: string;
}

/**
 * `count` distinct ordinary names, cycling through the cultures: given + family name in the culture's usual
 * order, sometimes with a second given name, sometimes written "FAMILY, Given" as forms do.
 */
export function generateOrdinaryNames(count: number, seed = 20260117): OrdinaryName[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const seen = new Set<string>();
  const names: OrdinaryName[] = [];
  let attempts = 0;
  while (names.length < count && attempts < count * 50) {
    attempts += 1;
    const culture = cultures[names.length % cultures.length]!;
    let given = pick(culture.given);
    if (!culture.isFamilyFirst && random() < 0.2) given = `${given} ${pick(culture.given)}`;
    const family = pick(culture.family);
    const style = random();
    let name: string;
    if (style < 0.15) name = `${family.toUpperCase()}, ${given}`;
    else if (culture.isFamilyFirst && style < 0.7) name = `${family} ${given}`;
    else name = `${given} ${family}`;
    if (seen.has(name.toUpperCase())) continue;
    seen.add(name.toUpperCase());
    names.push({ name, culture: culture.culture });
  }
  return names;
}

export const ordinaryNameCultures = cultures.map((culture) => culture.culture);
